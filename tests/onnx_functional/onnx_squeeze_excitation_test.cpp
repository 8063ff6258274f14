// Squeeze-and-excitation from ONNX (EfficientNet-B0, MobileNet-V3): x times
// Sigmoid / HardSigmoid(Conv(ReLU(Conv(GlobalAveragePool(x))))) becomes a mul
// layer [x, gate]; shapes against ONNX shape inference, functional mode
// bit-exact against the reference, and a tile's dependencies are the x tiles
// it covers and the gate tiles holding its channels, nothing else.
#include <gtest/gtest.h>

#include <cnnsched/sched/functional/int_arithmetic.hpp>

#include "onnx/onnx_pattern_check.hpp"

namespace cnnsched::onnx_squeeze_excitation_test {
namespace {

using onnx_test::ModelBuilder;

// conv 3 -> 8 with SiLU, the SE block on it (`gate_op` "Sigmoid" or
// "HardSigmoid"), a 1x1 conv 8 -> 4 after it. `gate_first` puts the gate as
// the Mul's first input.
std::string se_model(ModelBuilder& m, const std::string& gate_op, bool gate_first) {
  ModelBuilder::ints(m.node("Conv", "conv", {"x", m.init("w", {8, 3, 3, 3}), m.init("b", {8})}), "pads",
                     {1, 1, 1, 1});
  m.node("Sigmoid", "sig", {"conv"});
  m.node("Mul", "silu", {"conv", "sig"});
  m.node("GlobalAveragePool", "squeeze", {"silu"});
  m.node("Conv", "fc1", {"squeeze", m.init("w1", {4, 8, 1, 1}), m.init("b1", {4})});
  m.node("Relu", "fc1_relu", {"fc1"});
  m.node("Conv", "fc2", {"fc1_relu", m.init("w2", {8, 4, 1, 1}), m.init("b2", {8})});
  auto* g = m.node(gate_op, "gate", {"fc2"});
  if (gate_op == "HardSigmoid") ModelBuilder::real(g, "alpha", 1.f / 6);
  m.node("Mul", "excite",
         gate_first ? std::vector<std::string>{"gate", "silu"} : std::vector<std::string>{"silu", "gate"});
  m.node("Conv", "project", {"excite", m.init("w3", {4, 8, 1, 1})});
  return m.save("project", {1, 4, 9, 9}, "se_" + gate_op + (gate_first ? "_gate_first" : ""));
}

TEST(OnnxSqueezeExcitation, SigmoidGateLikeEfficientNet) {
  ModelBuilder m({1, 3, 9, 9});
  const std::string path = se_model(m, "Sigmoid", false);
  const Network net = onnx_test::expect_pattern_exact(m, path);
  ASSERT_EQ(net.layers.size(), 6u);  // conv, squeeze, fc1, fc2, excite, project
  const Layer& excite = net.layers[4];
  EXPECT_EQ(excite.kind, LayerKind::kMul);
  EXPECT_EQ(excite.inputs, (std::vector<int>{0, 3}));
  EXPECT_EQ(excite.out, (Shape{9, 9, 8}));
  EXPECT_EQ(net.layers[0].activation, Activation::kSilu);
  EXPECT_EQ(net.layers[3].activation, Activation::kSigmoid);
}

TEST(OnnxSqueezeExcitation, HardSigmoidGateFirstLikeMobileNetV3) {
  ModelBuilder m({1, 3, 9, 9});
  const Network net = onnx_test::expect_pattern_exact(m, se_model(m, "HardSigmoid", true));
  ASSERT_EQ(net.layers.size(), 6u);
  EXPECT_EQ(net.layers[4].inputs, (std::vector<int>{0, 3}));  // x first whatever the Mul's order
  EXPECT_EQ(net.layers[3].activation, Activation::kHardSigmoid);
}

TEST(OnnxSqueezeExcitation, ATileReadsItsXTilesAndTheGateTilesOfItsChannels) {
  ModelBuilder m({1, 3, 9, 9});
  Network net = import_onnx(se_model(m, "Sigmoid", false));
  net.set_slices("conv", {3, 1, 2});    // 3 row slices x 2 channel slices of 4
  net.set_slices("fc2", {1, 1, 4});     // gate channels in 4 slices of 2
  net.set_slices("excite", {3, 3, 2});  // 3 x 3 spatial x 2 channel slices of 4
  onnx_test::expect_functional_exact(net, "sliced x, gate and mul");
  const CnnGraph cnn = build_cnn_graph(net, test::lenet_platform(false));
  const TaskId first = cnn.layer_first_task[4];
  for (TaskId t = first; t < cnn.layer_first_task[5]; ++t) {
    const TileInfo& tile = cnn.tiles[static_cast<std::size_t>(t)];
    int from_x = 0, from_gate = 0;
    for (EdgeId e : cnn.graph.in_edges(t)) {
      const int producer = cnn.graph.layer(cnn.graph.edge(e).from);
      from_x += producer == 0 ? 1 : 0;
      from_gate += producer == 3 ? 1 : 0;
    }
    SCOPED_TRACE(cnn.graph.name(t));
    EXPECT_EQ(from_x, 1);     // rows within one conv row slice, channels equal to one conv channel slice
    EXPECT_EQ(from_gate, 2);  // 4 channels: two gate slices of 2
    EXPECT_EQ(static_cast<int>(cnn.graph.in_edges(t).size()), 3) << tile.row_slice;
  }
}

TEST(OnnxSqueezeExcitation, OffChipWithSpillsAndReloads) {
  // The gate and x tiles spilled to DRAM and read back still give the reference's values
  // (a scratchpad of 1.5 largest tasks, or a third of HEFT's peak, makes every policy spill).
  ModelBuilder m({1, 3, 9, 9});
  Network net = import_onnx(se_model(m, "Sigmoid", false));
  apply_auto_slicing(net, parse_auto_slicing("spatial:9", "test"));
  net.set_slices("fc2", {1, 1, 4});
  net.set_slices("excite", {3, 3, 2});
  test::expect_bit_exact_offchip(net, false, "off chip", 1.5);
  test::expect_bit_exact_offchip(net, true, "off chip, contention", 1.5);
}

TEST(OnnxSqueezeExcitation, GateMultiplyIsFixedPointWithFFractionBits) {
  const IntFormat f = int_format(1);       // F = 4: a gate of 16 is 1.0
  EXPECT_EQ(gate_multiply(32, 8, f), 16);  // 32 * 0.5
  EXPECT_EQ(gate_multiply(-7, 8, f), -4);  // floor(-3.5)
  EXPECT_EQ(gate_multiply(100, 16, f), 100);
  EXPECT_EQ(gate_multiply(127, 48, f), 127);  // saturated
}

TEST(OnnxSqueezeExcitation, OtherMulsAreRefusedNamingTheNode) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Conv", "conv2", {"x", m.init("w2", {4, 3, 3, 3})});
  m.node("Mul", "product", {"conv", "conv2"});
  const std::string msg =
      onnx_test::import_failure_message(m.save("product", {1, 4, 6, 6}, "mul_elementwise"));
  EXPECT_NE(msg.find("node 'product' (Mul)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("per-channel gate [1, C, 1, 1]"), std::string::npos) << msg;
}

}  // namespace
}  // namespace cnnsched::onnx_squeeze_excitation_test
