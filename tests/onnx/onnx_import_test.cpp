// ONNX import: the committed models (tests/onnx/make_models.py) give the same
// networks and task graphs as their JSON configs; models built here in C++
// cover the operator mapping and the errors.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "onnx_model_builder.hpp"

namespace cnnsched::onnx_import_test {
namespace {

using onnx_test::ModelBuilder;

std::string source(const std::string& path) { return std::string(CNNSCHED_SOURCE_DIR) + "/" + path; }
std::string model(const std::string& name) { return source("tests/onnx/models/" + name); }

Platform platform() { return load_platform(source("configs/platforms/default.json")); }

// Copies the slicing of `from` onto `to` (same layer names).
void copy_slices(const Network& from, Network& to) {
  to.set_slices("input", from.input_slices);
  for (const Layer& l : from.layers) to.set_slices(l.name, l.slices);
}

void expect_same_layers(const Network& a, const Network& b) {
  EXPECT_EQ(a.input_shape, b.input_shape);
  EXPECT_EQ(a.element_bytes, b.element_bytes);
  ASSERT_EQ(a.layers.size(), b.layers.size());
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    const Layer& x = a.layers[i];
    const Layer& y = b.layers[i];
    SCOPED_TRACE(x.name);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.inputs, y.inputs);
    EXPECT_EQ(x.in, y.in);
    EXPECT_EQ(x.out, y.out);
    EXPECT_EQ(x.kernel.h, y.kernel.h);
    EXPECT_EQ(x.kernel.w, y.kernel.w);
    EXPECT_EQ(x.stride.h, y.stride.h);
    EXPECT_EQ(x.stride.w, y.stride.w);
    EXPECT_EQ(x.padding.h, y.padding.h);
    EXPECT_EQ(x.padding.w, y.padding.w);
    EXPECT_EQ(x.groups, y.groups);
    EXPECT_EQ(x.activation, y.activation);
  }
}

void expect_same_graph(const CnnGraph& a, const CnnGraph& b) {
  ASSERT_EQ(a.graph.num_tasks(), b.graph.num_tasks());
  ASSERT_EQ(a.graph.num_classes(), b.graph.num_classes());
  for (TaskId t = 0; t < a.graph.num_tasks(); ++t) {
    EXPECT_EQ(a.graph.name(t), b.graph.name(t));
    EXPECT_EQ(a.graph.layer(t), b.graph.layer(t));
    for (int c = 0; c < a.graph.num_classes(); ++c)
      EXPECT_EQ(a.graph.class_cost(t, c), b.graph.class_cost(t, c));
  }
  ASSERT_EQ(a.graph.num_edges(), b.graph.num_edges());
  for (EdgeId e = 0; e < a.graph.num_edges(); ++e) {
    const Edge& x = a.graph.edge(e);
    const Edge& y = b.graph.edge(e);
    EXPECT_EQ(x.from, y.from);
    EXPECT_EQ(x.to, y.to);
    EXPECT_EQ(x.bytes, y.bytes);
    EXPECT_EQ(x.comm_cost, y.comm_cost);
  }
  ASSERT_EQ(a.buffers.num_buffers(), b.buffers.num_buffers());
  for (BufferId i = 0; i < a.buffers.num_buffers(); ++i) {
    EXPECT_EQ(a.buffers.buffer(i).name, b.buffers.buffer(i).name);
    EXPECT_EQ(a.buffers.buffer(i).bytes, b.buffers.buffer(i).bytes);
  }
  EXPECT_EQ(a.macs_total, b.macs_total);
  EXPECT_EQ(a.weight_bytes_total, b.weight_bytes_total);
}

// Imports `onnx_file`, slices it like `json_file` and compares networks and graphs.
void expect_matches_config(const std::string& onnx_file, const std::string& json_file) {
  const Network from_json = load_network(json_file);
  Network imported = import_onnx(onnx_file);
  EXPECT_EQ(imported.source, onnx_file);
  for (const Layer& l : imported.layers) EXPECT_EQ(l.slices, (Slices{1, 1, 1})) << l.name;
  expect_same_layers(imported, from_json);
  copy_slices(from_json, imported);
  const Platform p = platform();
  expect_same_graph(build_cnn_graph(imported, p), build_cnn_graph(from_json, p));
}

TEST(OnnxImport, IsAvailable) { EXPECT_TRUE(onnx_import_available()); }

TEST(OnnxImport, LeNet5MatchesItsConfig) {
  expect_matches_config(model("lenet5.onnx"), source("configs/networks/lenet5.json"));
}

TEST(OnnxImport, ResidualBlockMatchesItsConfig) {
  expect_matches_config(model("residual_block.onnx"), model("residual_block.json"));
}

// Expects an InputError from importing `path` on `field`; returns the message.
std::string import_error(const std::string& path, const std::string& field) {
  try {
    import_onnx(path);
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), path);
    EXPECT_EQ(e.field(), field) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InputError for " << path;
  return "";
}

TEST(OnnxImport, UnsupportedOperatorNamesNodeAndOp) {
  const std::string msg = import_error(model("unsupported_op.onnx"), "node 'gate' (Hardmax)");
  EXPECT_NE(msg.find("unsupported operator"), std::string::npos) << msg;
  EXPECT_NE(msg.find("supported: Conv, MaxPool"), std::string::npos) << msg;
}

TEST(OnnxImport, NotAnOnnxFile) {
  const std::string msg = import_error(source("configs/networks/lenet5.json"), "");
  EXPECT_NE(msg.find("not a valid ONNX model"), std::string::npos) << msg;
  import_error(model("no_such_model.onnx"), "");
}

TEST(OnnxImport, DepthwiseBatchNormGlobalPoolMatMul) {
  ModelBuilder m({1, 8, 16, 16});
  auto* dw = m.node("Conv", "dw", {"x", m.init("dw.W", {8, 1, 3, 3})});
  ModelBuilder::integer(dw, "group", 8);
  ModelBuilder::ints(dw, "pads", {1, 1, 1, 1});
  ModelBuilder::ints(dw, "strides", {2, 2});
  m.node("Relu", "dw.relu", {"dw"});
  m.node("Conv", "pw", {"dw.relu", m.init("pw.W", {16, 8, 1, 1}), m.init("pw.B", {16})});
  m.node("BatchNormalization", "bn",
         {"pw", m.init("bn.s", {16}), m.init("bn.b", {16}), m.init("bn.m", {16}), m.init("bn.v", {16})});
  m.node("Relu", "pw.relu", {"bn"});
  m.node("GlobalAveragePool", "gap", {"pw.relu"});
  m.node("Flatten", "flat", {"gap"});
  m.node("Dropout", "drop", {"flat"});
  m.node("MatMul", "fc", {"drop", m.init("fc.W", {16, 10})});
  m.node("Add", "fc.bias", {"fc", m.init("fc.B", {10})});
  const std::string path = m.save("fc.bias", {1, 10}, "mobile");
  const Network net = import_onnx(path);
  ASSERT_EQ(net.layers.size(), 4u);
  // Named after the file, not the graph ("built"): PyTorch calls every graph torch_jit.
  EXPECT_EQ(net.name, "cnnsched_" + std::to_string(::getpid()) + "_mobile");
  const Layer& d = net.layers[0];
  EXPECT_EQ(d.name, "dw");
  EXPECT_EQ(d.groups, 8);
  EXPECT_EQ(d.out, (Shape{8, 8, 8}));
  EXPECT_EQ(d.activation, Activation::kRelu);
  const Layer& p = net.layers[1];
  EXPECT_EQ(p.out, (Shape{8, 8, 16}));
  EXPECT_EQ(p.activation, Activation::kRelu);  // fused through the folded BatchNorm
  const Layer& g = net.layers[2];
  EXPECT_EQ(g.kind, LayerKind::kAvgPool);
  EXPECT_EQ(g.kernel.h, 8);
  EXPECT_EQ(g.out, (Shape{1, 1, 16}));
  const Layer& f = net.layers[3];
  EXPECT_EQ(f.kind, LayerKind::kFc);
  EXPECT_EQ(f.inputs, std::vector<int>{2});
  EXPECT_EQ(f.out, (Shape{1, 1, 10}));
  EXPECT_EQ(f.weight_elements({0, 10}), 16 * 10 + 10);
}

TEST(OnnxImport, ReluWithAnotherConsumerIsAPassThrough) {
  // a feeds both its ReLU and the add: fusing would change what the add reads,
  // so the ReLU becomes a (free, shape-preserving) pass-through.
  ModelBuilder m({1, 4, 8, 8});
  auto* a = m.node("Conv", "a", {"x", m.init("a.W", {4, 4, 3, 3})});
  ModelBuilder::ints(a, "pads", {1, 1, 1, 1});
  m.node("Relu", "r", {"a"});
  auto* b = m.node("Conv", "b", {"r", m.init("b.W", {4, 4, 3, 3})});
  ModelBuilder::text(b, "auto_pad", "SAME_UPPER");
  m.node("Add", "sum", {"a", "b"});
  const Network net = import_onnx(m.save("sum", {1, 4, 8, 8}, "shared_relu"));
  ASSERT_EQ(net.layers.size(), 3u);
  EXPECT_EQ(net.layers[0].activation, Activation::kNone);
  EXPECT_EQ(net.layers[1].inputs, std::vector<int>{0});
  EXPECT_EQ(net.layers[1].padding.h, 1);  // SAME_UPPER with a 3x3 kernel
  EXPECT_EQ(net.layers[2].kind, LayerKind::kAdd);
  EXPECT_EQ(net.layers[2].inputs, (std::vector<int>{0, 1}));
}

TEST(OnnxImport, AsymmetricPadsAreKeptDilationsRejected) {
  {
    ModelBuilder m({1, 3, 8, 8});
    ModelBuilder::ints(m.node("Conv", "c", {"x", m.init("c.W", {4, 3, 3, 3})}), "pads", {0, 0, 1, 1});
    const Network net = import_onnx(m.save("c", {1, 4, 7, 7}, "pads"));
    EXPECT_EQ(net.layers[0].padding.h, 0);
    EXPECT_EQ(net.layers[0].padding_end.w, 1);
    EXPECT_EQ(net.layers[0].out, (Shape{7, 7, 4}));
  }
  {
    ModelBuilder m({1, 3, 8, 8});
    ModelBuilder::ints(m.node("Conv", "c", {"x", m.init("c.W", {4, 3, 3, 3})}), "dilations", {2, 2});
    const std::string msg = import_error(m.save("c", {1, 4, 4, 4}, "dilations"), "node 'c' (Conv)");
    EXPECT_NE(msg.find("dilations"), std::string::npos) << msg;
  }
}

TEST(OnnxImport, CeilModeRoundsTheShapeUp) {
  ModelBuilder m({1, 3, 7, 7});
  auto* p = m.node("AveragePool", "p", {"x"});
  ModelBuilder::ints(p, "kernel_shape", {2, 2});
  ModelBuilder::ints(p, "strides", {2, 2});
  ModelBuilder::integer(p, "ceil_mode", 1);
  const Network net = import_onnx(m.save("p", {1, 3, 4, 4}, "ceil"));
  EXPECT_TRUE(net.layers[0].ceil_mode);
  EXPECT_EQ(net.layers[0].out, (Shape{4, 4, 3}));
}

TEST(OnnxImport, WeightsMustBeInitializers) {
  ModelBuilder m({1, 4, 1, 1});
  m.node("Flatten", "flat", {"x"});
  ModelBuilder::integer(m.node("Gemm", "fc", {"flat", "flat"}), "transB", 1);  // x times x^T
  const std::string msg = import_error(m.save("fc", {1, 1}, "weights"), "node 'fc' (Gemm)");
  EXPECT_NE(msg.find("initializer"), std::string::npos) << msg;
}

}  // namespace
}  // namespace cnnsched::onnx_import_test
