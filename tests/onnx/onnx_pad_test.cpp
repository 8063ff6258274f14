// ONNX Pad that cannot fold into the following layer: each refusal names the
// node, the attribute or input, and what is allowed.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "onnx_model_builder.hpp"

namespace cnnsched::onnx_pad_test {
namespace {

using onnx_test::ModelBuilder;

std::string pad_import_failure(ModelBuilder& m, const std::string& out, std::vector<std::int64_t> dims,
                               const std::string& file) {
  return onnx_test::import_failure_message(m.save(out, dims, file));
}

// x -> Pad(pads, extra inputs) -> Conv 3x3.
std::string pad_then_conv_failure(std::vector<std::int64_t> pads, const std::string& mode, float value,
                                  const std::string& file) {
  ModelBuilder m({1, 3, 8, 8});
  auto* p = m.node("Pad", "pad", {"x", m.ints_init("pads", pads), m.floats_init("v", {value}, {})});
  if (!mode.empty()) ModelBuilder::text(p, "mode", mode);
  m.node("Conv", "conv", {"pad", m.init("w", {4, 3, 3, 3})});
  return pad_import_failure(m, "conv", {1, 4, 6 + pads[2] + pads[6], 6 + pads[3] + pads[7]}, file);
}

TEST(OnnxPadRefused, ReflectModeNamesTheAttribute) {
  const std::string msg = pad_then_conv_failure({0, 0, 1, 1, 0, 0, 1, 1}, "reflect", 0.f, "pad_reflect");
  EXPECT_NE(msg.find("node 'pad' (Pad)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("mode = 'reflect' is not supported; only mode 'constant' with value 0"),
            std::string::npos)
      << msg;
}

TEST(OnnxPadRefused, NonZeroValue) {
  const std::string msg = pad_then_conv_failure({0, 0, 1, 1, 0, 0, 1, 1}, "", 1.5f, "pad_value");
  EXPECT_NE(msg.find("node 'pad' (Pad)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("constant_value 1.5"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only zero padding"), std::string::npos) << msg;
}

TEST(OnnxPadRefused, ChannelPaddingAndCropping) {
  std::string msg = pad_then_conv_failure({0, 1, 0, 0, 0, 0, 0, 0}, "", 0.f, "pad_channels");
  EXPECT_TRUE(msg.empty() || msg.find("only H and W may be padded") != std::string::npos) << msg;
  msg = pad_then_conv_failure({0, 0, -1, 0, 0, 0, 0, 0}, "", 0.f, "pad_crop");
  EXPECT_NE(msg.find("node 'pad' (Pad)"), std::string::npos) << msg;
}

TEST(OnnxPadRefused, NotBeforeAWindowOperator) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Pad", "pad", {"conv", m.ints_init("pads", {0, 0, 1, 1, 0, 0, 1, 1})});
  m.node("Relu", "relu", {"pad"});
  const std::string msg = pad_import_failure(m, "relu", {1, 4, 8, 8}, "pad_relu");
  EXPECT_NE(msg.find("node 'pad' (Pad)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only when its one consumer is a Conv, MaxPool or AveragePool"), std::string::npos)
      << msg;
}

TEST(OnnxPadRefused, BeforeMaxPoolOnSignedData) {
  // Zero padding changes a max over negative values; max pooling's own pads never do.
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Pad", "pad", {"conv", m.ints_init("pads", {0, 0, 1, 1, 0, 0, 1, 1})});
  auto* mp = m.node("MaxPool", "pool", {"pad"});
  ModelBuilder::ints(mp, "kernel_shape", {2, 2});
  ModelBuilder::ints(mp, "strides", {2, 2});
  const std::string msg = pad_import_failure(m, "pool", {1, 4, 4, 4}, "pad_maxpool_signed");
  EXPECT_NE(msg.find("node 'pad' (Pad)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("supported only on non-negative data"), std::string::npos) << msg;
}

}  // namespace
}  // namespace cnnsched::onnx_pad_test
