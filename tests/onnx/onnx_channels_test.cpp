// Channel operators from ONNX: Concat (Inception and DenseNet style),
// BatchNormalization after a Concat, Split and Slice, and ShuffleNet-V2's
// channel shuffle, on the models of tests/onnx/make_models.py; every layer's
// shape checked against ONNX's own shape inference. Bit-exactness of the same
// models in functional mode: tests/sim/functional_channels_test.cpp.
#include <fstream>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "onnx_model_builder.hpp"

namespace cnnsched::onnx_channels_test {
namespace {

using onnx_test::ModelBuilder;

std::string channel_model(const std::string& name) {
  return std::string(CNNSCHED_SOURCE_DIR) + "/tests/onnx/models/" + name + ".onnx";
}

onnx::ModelProto load_model(const std::string& path) {
  onnx::ModelProto m;
  std::ifstream f(path, std::ios::binary);
  EXPECT_TRUE(m.ParseFromIstream(&f)) << path;
  return m;
}

// Imports a checked-in model and checks its shapes against ONNX's inference.
Network import_checked(const std::string& name) {
  const Network net = import_onnx(channel_model(name));
  onnx_test::expect_model_shapes_match_inference(load_model(channel_model(name)), net);
  return net;
}

const Layer& layer_named(const Network& net, const std::string& name) {
  const int i = net.find(name);
  EXPECT_GE(i, 0) << name;
  return net.layers[static_cast<std::size_t>(i < 0 ? 0 : i)];
}

std::vector<std::string> input_names(const Network& net, const Layer& l) {
  std::vector<std::string> names;
  for (int i : l.inputs)
    names.push_back(i == kNetworkInput ? "input" : net.layers[static_cast<std::size_t>(i)].name);
  return names;
}

TEST(OnnxChannels, InceptionBranchesConcatenate) {
  const Network net = import_checked("inception");
  const Layer& cat = layer_named(net, "cat");
  EXPECT_EQ(cat.kind, LayerKind::kConcat);
  EXPECT_EQ(input_names(net, cat), (std::vector<std::string>{"b1", "b2b", "b3", "b4"}));
  EXPECT_EQ(cat.input_channel_counts, (std::vector<std::int64_t>{4, 6, 2, 3}));
  EXPECT_EQ(cat.out, (Shape{8, 8, 15}));
  EXPECT_EQ(layer_named(net, "b1").activation, Activation::kRelu);  // fused before the concat
  EXPECT_EQ(layer_named(net, "head").in, (Shape{8, 8, 15}));
}

TEST(OnnxChannels, DenseBlockConcatenatesEveryEarlierFeature) {
  const Network net = import_checked("dense_block");
  const Layer& cat2 = layer_named(net, "d2.cat");
  EXPECT_EQ(input_names(net, cat2), (std::vector<std::string>{"input", "d1.conv2", "d2.conv2"}));
  EXPECT_EQ(cat2.out, (Shape{6, 6, 14}));
  // BatchNormalization on a concat (or the input): a depthwise 1 x 1 conv, two
  // weights per channel, with the ReLU after it fused.
  for (const char* name : {"d1.bn1", "d2.bn1", "t.bn"}) {
    const Layer& bn = layer_named(net, name);
    SCOPED_TRACE(name);
    EXPECT_EQ(bn.kind, LayerKind::kConv);
    EXPECT_EQ(bn.groups, bn.in.c);
    EXPECT_EQ(bn.kernel.h * bn.kernel.w, 1);
    EXPECT_EQ(bn.weight_elements({0, bn.out.c}), 2 * bn.out.c);
    EXPECT_EQ(bn.activation, Activation::kRelu);
  }
  EXPECT_EQ(input_names(net, layer_named(net, "d2.bn1")), (std::vector<std::string>{"d1.cat"}));
  // After a conv it folds, as before: no layer, the ReLU on the conv.
  EXPECT_LT(net.find("d1.bn2"), 0);
  EXPECT_EQ(layer_named(net, "d1.conv1").activation, Activation::kRelu);
}

TEST(OnnxChannels, SplitAndSliceAreChannelRanges) {
  const Network net = import_checked("split_concat");
  const Layer& a = layer_named(net, "split");
  const Layer& b = layer_named(net, "split_1");
  EXPECT_EQ(a.kind, LayerKind::kSlice);
  EXPECT_EQ(a.channel_range, (Range{0, 3}));
  EXPECT_EQ(b.channel_range, (Range{3, 8}));
  const Layer& s = layer_named(net, "slice");
  EXPECT_EQ(s.kind, LayerKind::kSlice);
  EXPECT_EQ(s.channel_range, (Range{1, 5}));
  EXPECT_EQ(input_names(net, layer_named(net, "cat")), (std::vector<std::string>{"split", "slice"}));
}

TEST(OnnxChannels, ShuffleNetUnitsWithComputedAndConstantShapes) {
  const std::string path = channel_model("shuffle_unit");
  const Network net = import_onnx(path);
  // ONNX propagates no data through the Div of the computed shape; with the
  // targets written in as initializers its inference knows every shape.
  onnx::ModelProto m = load_model(path);
  struct Target {
    const char* node;
    int input;
    std::vector<std::int64_t> dims;
  };
  const Target targets[] = {{"u1.shuffle.view", 1, {1, 2, 4, 8, 8}},
                            {"u1.shuffle", 1, {1, -1, 8, 8}},
                            {"u3.x1", 2, {8}},   // ends
                            {"u3.x2", 1, {8}}};  // starts
  for (const Target& target : targets)
    for (auto& node : *m.mutable_graph()->mutable_node())
      if (node.name() == target.node) {
        auto* t = m.mutable_graph()->add_initializer();
        t->set_name(std::string(target.node) + ".target");
        t->set_data_type(onnx::TensorProto::INT64);
        t->add_dims(static_cast<std::int64_t>(target.dims.size()));
        for (auto d : target.dims) t->add_int64_data(d);
        node.set_input(target.input, t->name());
      }
  onnx_test::expect_model_shapes_match_inference(m, net);
  for (const char* name : {"u1.shuffle", "u2.shuffle"}) {
    const Layer& s = layer_named(net, name);
    EXPECT_EQ(s.kind, LayerKind::kShuffle) << name;
    EXPECT_EQ(s.groups, 2) << name;
  }
  EXPECT_EQ(input_names(net, layer_named(net, "u1.shuffle")), (std::vector<std::string>{"u1.cat"}));
  EXPECT_EQ(layer_named(net, "u2.shuffle").out, (Shape{4, 4, 16}));
  EXPECT_EQ(layer_named(net, "u1.shuffle").shuffled_channel(1), 4);        // oc 1: group 1, first channel
  EXPECT_EQ(layer_named(net, "u1.split_1").channel_range, (Range{4, 8}));  // opset 11: split attribute
  // PyTorch's chunk: Slices with a computed middle (shared), the end INT64_MAX.
  EXPECT_EQ(layer_named(net, "u3.x1").channel_range, (Range{0, 8}));
  EXPECT_EQ(layer_named(net, "u3.x2").channel_range, (Range{8, 16}));
  EXPECT_EQ(layer_named(net, "u3.shuffle").out, (Shape{4, 4, 16}));
  EXPECT_EQ(net.layers.back().name, "gap");
}

std::string channel_failure(ModelBuilder& m, const std::string& out, std::vector<std::int64_t> dims,
                            const std::string& file) {
  return onnx_test::import_failure_message(m.save(out, dims, file));
}

TEST(OnnxChannels, ConcatAlongRowsIsRefused) {
  ModelBuilder m({1, 4, 6, 6});
  m.node("Relu", "r", {"x"});
  ModelBuilder::ints(m.node("MaxPool", "p", {"x"}), "kernel_shape", {1, 1});
  ModelBuilder::integer(m.node("Concat", "cat", {"r", "p"}), "axis", 2);
  const std::string msg = channel_failure(m, "cat", {1, 4, 12, 6}, "concat_rows");
  EXPECT_NE(msg.find("node 'cat' (Concat)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only the channels (axis 1 of NCHW)"), std::string::npos) << msg;
}

TEST(OnnxChannels, SliceWithAStepIsRefused) {
  ModelBuilder m({1, 8, 4, 4});
  m.node("Conv", "conv", {"x", m.init("w", {8, 8, 1, 1})});
  m.node("Slice", "s",
         {"conv", m.ints_init("st", {0}), m.ints_init("en", {8}), m.ints_init("ax", {1}),
          m.ints_init("sp", {2})});
  const std::string msg = channel_failure(m, "s", {1, 4, 4, 4}, "slice_step");
  EXPECT_NE(msg.find("node 's' (Slice)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only step 1"), std::string::npos) << msg;
}

TEST(OnnxChannels, TransposeOutsideAShuffleIsRefused) {
  ModelBuilder m({1, 8, 4, 4});
  m.node("Conv", "conv", {"x", m.init("w", {8, 8, 1, 1})});
  ModelBuilder::ints(m.node("Transpose", "t", {"conv"}), "perm", {0, 1, 3, 2});
  const std::string msg = channel_failure(m, "t", {1, 8, 4, 4}, "transpose");
  EXPECT_NE(msg.find("node 't' (Transpose)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("only inside a channel shuffle"), std::string::npos) << msg;
}

TEST(OnnxChannels, UnsupportedOperatorListsEverySupportedOne) {
  ModelBuilder m({1, 8, 4, 4});
  m.node("Conv", "conv", {"x", m.init("w", {8, 8, 1, 1})});
  m.node("Hardmax", "h", {"conv"});
  const std::string msg = channel_failure(m, "h", {1, 8, 4, 4}, "hardmax");
  EXPECT_NE(msg.find("node 'h' (Hardmax)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unsupported operator; supported: Conv"), std::string::npos) << msg;
  for (const char* op : {"Concat", "Split", "Slice", "Transpose", "BatchNormalization", "Pad", "Mul"})
    EXPECT_NE(msg.find(op), std::string::npos) << op << ": " << msg;
}

}  // namespace
}  // namespace cnnsched::onnx_channels_test
