// Fused activations from ONNX: Clip(0, 6) as ReLU6, Sigmoid, HardSigmoid,
// HardSwish, x * Sigmoid(x) as SiLU and x * HardSigmoid(x) as HardSwish, each
// fused into the producing layer; shapes checked against ONNX shape inference.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "onnx_model_builder.hpp"

namespace cnnsched::onnx_activations_test {
namespace {

using onnx_test::ModelBuilder;

// conv (3 -> 4, 3x3) then `build` on it; returns the imported network.
template <typename Build>
Network activation_conv_then(const std::string& file, Build build, ModelBuilder& m) {
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3}), m.init("b", {4})});
  const std::string out = build(m);
  Network net = import_onnx(m.save(out, {1, 4, 6, 6}, file));
  onnx_test::expect_shapes_match_inference(m, net);
  return net;
}

std::string activation_import_failure(ModelBuilder& m, const std::string& out, const std::string& file) {
  return onnx_test::import_failure_message(m.save(out, {1, 4, 6, 6}, file));
}

TEST(OnnxActivations, ClipZeroSixIsRelu6Opset11AndOpset6) {
  ModelBuilder a({1, 3, 8, 8});
  const Network n11 = activation_conv_then(
      "clip11",
      [](ModelBuilder& m) {
        m.node("Clip", "clip", {"conv", m.floats_init("lo", {0.f}, {}), m.floats_init("hi", {6.f}, {})});
        return std::string("clip");
      },
      a);
  ASSERT_EQ(n11.layers.size(), 1u);
  EXPECT_EQ(n11.layers[0].activation, Activation::kRelu6);
  ModelBuilder b({1, 3, 8, 8}, 6);
  const Network n6 = activation_conv_then(
      "clip6",
      [](ModelBuilder& m) {
        auto* c = m.node("Clip", "clip", {"conv"});
        ModelBuilder::real(c, "min", 0.f);
        ModelBuilder::real(c, "max", 6.f);
        return std::string("clip");
      },
      b);
  EXPECT_EQ(n6.layers[0].activation, Activation::kRelu6);
}

TEST(OnnxActivations, OtherClipBoundsAreRefused) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Clip", "clip", {"conv", m.floats_init("lo", {-1.f}, {}), m.floats_init("hi", {1.f}, {})});
  const std::string msg = activation_import_failure(m, "clip", "clip_other");
  EXPECT_NE(msg.find("node 'clip' (Clip)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only Clip(0, 6)"), std::string::npos) << msg;
}

TEST(OnnxActivations, SigmoidAlone) {
  ModelBuilder a({1, 3, 8, 8});
  const Network s = activation_conv_then(
      "sigmoid",
      [](ModelBuilder& m) {
        m.node("Sigmoid", "sig", {"conv"});
        return std::string("sig");
      },
      a);
  EXPECT_EQ(s.layers[0].activation, Activation::kSigmoid);
}

TEST(OnnxActivations, SiluFusesIntoTheConv) {
  ModelBuilder m({1, 3, 8, 8});
  const Network net = activation_conv_then(
      "silu2",
      [](ModelBuilder& b) {
        b.node("Sigmoid", "sig", {"conv"});
        b.node("Mul", "silu", {"conv", "sig"});
        ModelBuilder::ints(b.node("MaxPool", "pool", {"silu"}), "kernel_shape", {1, 1});
        return std::string("pool");
      },
      m);
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[0].activation, Activation::kSilu);
  EXPECT_EQ(net.layers[1].inputs, std::vector<int>{0});
  EXPECT_EQ(net.layers[1].activation, Activation::kNone);
}

TEST(OnnxActivations, HardSwishOpAndHardSigmoidTimesX) {
  ModelBuilder a({1, 3, 8, 8}, 14);
  const Network hs = activation_conv_then(
      "hardswish",
      [](ModelBuilder& m) {
        m.node("HardSwish", "hs", {"conv"});
        return std::string("hs");
      },
      a);
  EXPECT_EQ(hs.layers[0].activation, Activation::kHardSwish);
  ModelBuilder b({1, 3, 8, 8});
  const Network pattern = activation_conv_then(
      "hardsigmoid_mul",
      [](ModelBuilder& m) {
        ModelBuilder::real(m.node("HardSigmoid", "hsig", {"conv"}), "alpha", 1.f / 6);
        m.node("Mul", "hs", {"conv", "hsig"});
        return std::string("hs");
      },
      b);
  ASSERT_EQ(pattern.layers.size(), 1u);
  EXPECT_EQ(pattern.layers[0].activation, Activation::kHardSwish);
  ModelBuilder c({1, 3, 8, 8});
  const Network alone = activation_conv_then(
      "hardsigmoid",
      [](ModelBuilder& m) {
        ModelBuilder::real(m.node("HardSigmoid", "hsig", {"conv"}), "alpha", 1.f / 6);
        return std::string("hsig");
      },
      c);
  EXPECT_EQ(alone.layers[0].activation, Activation::kHardSigmoid);
}

TEST(OnnxActivations, HardSigmoidWithOnnxDefaultsIsRefused) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("HardSigmoid", "hsig", {"conv"});  // alpha 0.2
  const std::string msg = activation_import_failure(m, "hsig", "hardsigmoid_default");
  EXPECT_NE(msg.find("only alpha = 1/6"), std::string::npos) << msg;
}

TEST(OnnxActivations, SigmoidOnASharedOutputIsRefused) {
  // The conv's output is also read by the Add: a fused sigmoid would change it.
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Conv", "conv2", {"x", m.init("w2", {4, 3, 3, 3})});
  m.node("Sigmoid", "sig", {"conv"});
  m.node("Add", "sum", {"conv", "conv2"});
  m.node("Add", "out", {"sig", "sum"});
  const std::string msg = activation_import_failure(m, "out", "sigmoid_shared");
  EXPECT_NE(msg.find("node 'sig' (Sigmoid)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("must follow the only use"), std::string::npos) << msg;
}

TEST(OnnxActivations, SoftmaxAtTheEndIsLeftOut) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Flatten", "flat", {"conv"});
  m.node("Gemm", "fc", {"flat", m.init("fw", {144, 10})});
  m.node("Softmax", "prob", {"fc"});
  const Network net = import_onnx(m.save("prob", {1, 10}, "softmax_end"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[1].kind, LayerKind::kFc);
  EXPECT_EQ(net.layers[1].out, (Shape{1, 1, 10}));
}

TEST(OnnxActivations, SoftmaxInsideTheNetworkIsRefused) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Softmax", "attn", {"conv"});
  ModelBuilder::ints(m.node("MaxPool", "pool", {"attn"}), "kernel_shape", {1, 1});
  const std::string msg = activation_import_failure(m, "pool", "softmax_inside");
  EXPECT_NE(msg.find("node 'attn' (Softmax)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only as the last operator"), std::string::npos) << msg;
}

TEST(OnnxActivations, ReduceMeanOverHWIsAGlobalAveragePool) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  auto* r = m.node("ReduceMean", "gap", {"conv"});
  ModelBuilder::ints(r, "axes", {-1, 2});
  ModelBuilder::integer(r, "keepdims", 0);
  m.node("Gemm", "fc", {"gap", m.init("fw", {4, 10})});
  const Network net = import_onnx(m.save("fc", {1, 10}, "reduce_mean"));
  ASSERT_EQ(net.layers.size(), 3u);
  EXPECT_EQ(net.layers[1].kind, LayerKind::kAvgPool);
  EXPECT_EQ(net.layers[1].kernel.h, 6);
  EXPECT_EQ(net.layers[1].out, (Shape{1, 1, 4}));
  onnx_test::expect_shapes_match_inference(m, net);
}

TEST(OnnxActivations, ReduceMeanOverChannelsIsRefused) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  ModelBuilder::ints(m.node("ReduceMean", "cmean", {"conv"}), "axes", {1});
  const std::string msg = onnx_test::import_failure_message(m.save("cmean", {1, 1, 6, 6}, "reduce_mean_c"));
  EXPECT_NE(msg.find("only the mean over H and W"), std::string::npos) << msg;
}

}  // namespace
}  // namespace cnnsched::onnx_activations_test
