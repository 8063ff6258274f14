// libFuzzer: arbitrary bytes as an ONNX file. import_onnx reads a path, so the
// bytes go to a per-process temporary file. InputError (not a model, an
// unsupported operator, ...) is the expected rejection; a network it returns
// must build a tile graph; anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cnnsched;
  static const std::string path = "/tmp/cnnsched_fuzz_onnx_" + std::to_string(::getpid()) + ".onnx";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) __builtin_trap();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) __builtin_trap();
  std::fclose(f);
  try {
    const Network net = import_onnx(path);
    if (fuzz::small_enough(net)) build_cnn_graph(net, fuzz::small_platform());
  } catch (const InputError&) {
  }
  return 0;
}
