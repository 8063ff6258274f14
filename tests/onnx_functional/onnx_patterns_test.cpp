// Already-imported ONNX patterns end to end: Identity of an initializer,
// Clip(0, 6) as ReLU6, x * Sigmoid(x) as SiLU and HardSwish, each with layer
// shapes against ONNX shape inference and functional mode bit-exact against
// the untiled reference (onnx_pattern_check.hpp).
#include <gtest/gtest.h>

#include "onnx/onnx_pattern_check.hpp"

namespace cnnsched::onnx_patterns_test {
namespace {

using onnx_test::ModelBuilder;

TEST(OnnxPatterns, IdentityOfAnInitializerAsConvWeights) {
  ModelBuilder m({1, 3, 10, 10});
  m.node("Identity", "w.shared", {m.init("w", {6, 3, 3, 3})});
  ModelBuilder::ints(m.node("Conv", "conv", {"x", "w.shared", m.init("b", {6})}), "pads", {1, 1, 1, 1});
  m.node("Relu", "relu", {"conv"});
  m.node("Identity", "w2.shared", {m.init("w2", {4, 6, 3, 3})});
  m.node("Conv", "conv2", {"relu", "w2.shared"});
  const Network net = onnx_test::expect_pattern_exact(m, m.save("conv2", {1, 4, 8, 8}, "pattern_identity"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[0].activation, Activation::kRelu);
}

TEST(OnnxPatterns, Relu6) {
  ModelBuilder m({1, 3, 10, 10});
  m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3}), m.init("b", {6})});
  m.node("Clip", "relu6", {"conv", m.floats_init("lo", {0.f}, {}), m.floats_init("hi", {6.f}, {})});
  auto* pool = m.node("MaxPool", "pool", {"relu6"});
  ModelBuilder::ints(pool, "kernel_shape", {2, 2});
  ModelBuilder::ints(pool, "strides", {2, 2});
  const Network net = onnx_test::expect_pattern_exact(m, m.save("pool", {1, 6, 4, 4}, "pattern_relu6"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[0].activation, Activation::kRelu6);
}

TEST(OnnxPatterns, Silu) {
  ModelBuilder m({1, 3, 10, 10});
  m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3}), m.init("b", {6})});
  m.node("Sigmoid", "sig", {"conv"});
  m.node("Mul", "silu", {"conv", "sig"});
  m.node("Conv", "conv2", {"silu", m.init("w2", {4, 6, 3, 3})});
  const Network net = onnx_test::expect_pattern_exact(m, m.save("conv2", {1, 4, 6, 6}, "pattern_silu"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[0].activation, Activation::kSilu);
}

TEST(OnnxPatterns, HardSwishOpAndHardSigmoidTimesX) {
  ModelBuilder m({1, 3, 10, 10}, 14);
  m.node("Conv", "conv", {"x", m.init("w", {6, 3, 3, 3}), m.init("b", {6})});
  m.node("HardSwish", "hswish", {"conv"});
  m.node("Conv", "conv2", {"hswish", m.init("w2", {4, 6, 3, 3})});
  ModelBuilder::real(m.node("HardSigmoid", "hsig", {"conv2"}), "alpha", 1.f / 6);
  m.node("Mul", "hswish2", {"conv2", "hsig"});
  const Network net =
      onnx_test::expect_pattern_exact(m, m.save("hswish2", {1, 4, 6, 6}, "pattern_hardswish"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[0].activation, Activation::kHardSwish);
  EXPECT_EQ(net.layers[1].activation, Activation::kHardSwish);
}

}  // namespace
}  // namespace cnnsched::onnx_patterns_test
