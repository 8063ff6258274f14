// Pad folded into the following Conv / pooling (symmetric and asymmetric, the
// opset 11+ and the older attribute form) and pooling with ceil_mode: layer
// shapes against ONNX shape inference, functional mode bit-exact against the
// untiled reference (onnx_pattern_check.hpp).
#include <gtest/gtest.h>

#include "onnx/onnx_pattern_check.hpp"

namespace cnnsched::onnx_pad_pool_test {
namespace {

using onnx_test::ModelBuilder;

// conv 3 -> 6 (3x3, pads 1) with a fused Relu on x (1 x 3 x 11 x 11): "relu".
void relu_conv(ModelBuilder& m) {
  ModelBuilder::ints(m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3}), m.init("b", {6})}), "pads",
                     {1, 1, 1, 1});
  m.node("Relu", "relu", {"conv"});
}

TEST(OnnxPad, SymmetricPadFoldsIntoTheConv) {
  ModelBuilder m({1, 3, 11, 11});
  relu_conv(m);
  m.node("Pad", "pad", {"relu", m.ints_init("pads", {0, 0, 2, 2, 0, 0, 2, 2})});
  m.node("Conv", "conv2", {"pad", m.init("w2", {4, 6, 3, 3})});
  const Network net = onnx_test::expect_pattern_exact(m, m.save("conv2", {1, 4, 13, 13}, "pad_symmetric"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[1].padding.h, 2);
  EXPECT_EQ(net.layers[1].padding_end.w, 2);
}

TEST(OnnxPad, AsymmetricZeroPad2dBeforeAStridedConv) {
  // nn.ZeroPad2d((0, 1, 0, 1)): one column right, one row below.
  ModelBuilder m({1, 3, 11, 11});
  relu_conv(m);
  m.node("Pad", "pad",
         {"relu", m.ints_init("pads", {0, 0, 0, 0, 0, 0, 1, 1}), m.floats_init("zero", {0.f}, {})});
  auto* c = m.node("Conv", "conv2", {"pad", m.init("w2", {4, 6, 3, 3})});
  ModelBuilder::ints(c, "strides", {2, 2});
  const Network net = onnx_test::expect_pattern_exact(m, m.save("conv2", {1, 4, 5, 5}, "pad_asymmetric"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[1].padding.h, 0);
  EXPECT_EQ(net.layers[1].padding.w, 0);
  EXPECT_EQ(net.layers[1].padding_end.h, 1);
  EXPECT_EQ(net.layers[1].padding_end.w, 1);
}

TEST(OnnxPad, AsymmetricConvPadsAndSameUpper) {
  ModelBuilder m({1, 3, 10, 10});
  ModelBuilder::ints(m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3})}), "pads", {0, 1, 2, 0});
  auto* c = m.node("Conv", "conv2", {"conv", m.init("w2", {4, 6, 4, 4})});
  ModelBuilder::ints(c, "strides", {2, 2});
  ModelBuilder::text(c, "auto_pad", "SAME_UPPER");  // 10 x 9 -> 5 x 5: pads 1 / 1 rows, 1 / 2 cols
  const Network net = onnx_test::expect_pattern_exact(m, m.save("conv2", {1, 4, 5, 5}, "pad_conv_same"));
  EXPECT_EQ(net.layers[0].out, (Shape{10, 9, 6}));
  EXPECT_EQ(net.layers[0].padding_end.h, 2);
  EXPECT_EQ(net.layers[1].padding.w, 1);
  EXPECT_EQ(net.layers[1].padding_end.w, 2);
}

TEST(OnnxPad, AttributeFormBeforeMaxPoolAndPadBeforeAveragePool) {
  ModelBuilder m({1, 3, 11, 11}, 10);
  relu_conv(m);
  auto* p = m.node("Pad", "pad", {"relu"});
  ModelBuilder::ints(p, "pads", {0, 0, 1, 0, 0, 0, 0, 1});
  ModelBuilder::text(p, "mode", "constant");
  auto* mp = m.node("MaxPool", "pool", {"pad"});
  ModelBuilder::ints(mp, "kernel_shape", {3, 3});
  ModelBuilder::ints(mp, "strides", {2, 2});
  auto* p2 = m.node("Pad", "pad2", {"pool"});
  ModelBuilder::ints(p2, "pads", {0, 0, 1, 1, 0, 0, 1, 1});
  auto* ap = m.node("AveragePool", "avg", {"pad2"});
  ModelBuilder::ints(ap, "kernel_shape", {3, 3});
  ModelBuilder::ints(ap, "strides", {2, 2});
  const Network net = onnx_test::expect_pattern_exact(m, m.save("avg", {1, 6, 3, 3}, "pad_attribute"));
  ASSERT_EQ(net.layers.size(), 3u);
  EXPECT_EQ(net.layers[1].padding.h, 1);
  EXPECT_EQ(net.layers[1].padding_end.w, 1);
  EXPECT_TRUE(net.layers[2].count_include_pad);
}

TEST(OnnxCeilMode, MaxPoolLikeGoogLeNet) {
  // 14 x 14, 3x3 stride 2: floor gives 6, ceil 7; the last window overhangs and
  // max pooling never selects the overhang (the conv output is signed).
  ModelBuilder m({1, 3, 16, 16});
  m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3}), m.init("b", {6})});
  auto* mp = m.node("MaxPool", "pool", {"conv"});
  ModelBuilder::ints(mp, "kernel_shape", {3, 3});
  ModelBuilder::ints(mp, "strides", {2, 2});
  ModelBuilder::integer(mp, "ceil_mode", 1);
  const Network net = onnx_test::expect_pattern_exact(m, m.save("pool", {1, 6, 7, 7}, "ceil_maxpool"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_TRUE(net.layers[1].ceil_mode);
  EXPECT_EQ(net.layers[1].out, (Shape{7, 7, 6}));
}

TEST(OnnxCeilMode, AveragePoolWithPadsCountedAndNot) {
  for (int counted : {0, 1}) {
    ModelBuilder m({1, 3, 12, 12});
    m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3}), m.init("b", {6})});
    auto* ap = m.node("AveragePool", "avg", {"conv"});
    ModelBuilder::ints(ap, "kernel_shape", {3, 3});
    ModelBuilder::ints(ap, "strides", {2, 2});
    ModelBuilder::ints(ap, "pads", {1, 1, 1, 1});
    ModelBuilder::integer(ap, "ceil_mode", 1);
    ModelBuilder::integer(ap, "count_include_pad", counted);
    // 10 + 2 - 3 = 9: floor 5 + 1, ceil 6 + 1 = 7 minus none (6 * 2 = 12 >= 10 + 1: 6).
    const Network net = onnx_test::expect_pattern_exact(
        m, m.save("avg", {1, 6, 6, 6}, "ceil_avgpool" + std::to_string(counted)));
    ASSERT_EQ(net.layers.size(), 2u);
    EXPECT_EQ(net.layers[1].count_include_pad, counted == 1);
  }
}

}  // namespace
}  // namespace cnnsched::onnx_pad_pool_test
