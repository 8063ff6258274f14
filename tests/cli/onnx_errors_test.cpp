// Bad ONNX files: exit code 2, the file (and the node) named.
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

Outcome simulate_onnx(const std::string& path) {
  return cnnsched({"simulate", "--network", path, "--platform", source("configs/platforms/default.json"),
                   "--traces", "false"});
}

TEST(OnnxErrors, NotAModelAndUnsupportedOperator) {
  const Outcome garbage = simulate_onnx(write_file("garbage.onnx", "this is not a protobuf"));
  if (garbage.err.find("without ONNX support") != std::string::npos) GTEST_SKIP() << garbage.err;
  expect_input_error(garbage, {"garbage.onnx", "not a valid ONNX model"});
  expect_input_error(
      simulate_onnx(source("tests/onnx/models/unsupported_op.onnx")),
      {"unsupported_op.onnx", "node 'gate' (Hardmax)", "unsupported operator; supported: Conv"});
  expect_input_error(simulate_onnx(temp("absent.onnx")), {"absent.onnx"});
}

TEST(OnnxErrors, ZeroStrideFoundByTheFuzzer) {
  // libonnx's shape inference divided by this zero stride and killed the process (SIGFPE).
  const Outcome r = simulate_onnx(source("tests/fuzz/regressions/onnx_zero_stride.onnx"));
  if (r.err.find("without ONNX support") != std::string::npos) GTEST_SKIP() << r.err;
  expect_input_error(
      r, {"onnx_zero_stride.onnx", "(Conv)", "attribute 'strides' must hold integers >= 1, got 0"});
}

}  // namespace
}  // namespace cnnsched::cli_test
