// libFuzzer: arbitrary bytes as a network config. Expected outcomes are a
// network (then its tile graph is built, when small enough) or an InputError;
// a crash, a sanitizer report or any other exception is a bug.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cnnsched;
  const nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  try {
    const Network net = parse_network(doc, "fuzz.json");
    if (!fuzz::small_enough(net)) return 0;
    const CnnGraph cnn = build_cnn_graph(net, fuzz::small_platform());
    if (cnn.graph.num_tasks() == 0) __builtin_trap();  // a valid network has at least one tile
  } catch (const InputError&) {
  }
  return 0;
}
