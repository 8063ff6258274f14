// ONNX constants: Identity of an initializer, constant subgraphs folded at
// import time (the Shape -> Gather -> Unsqueeze -> Concat chain PyTorch puts
// before a Reshape), operators that only fold, and external tensor data.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "onnx_model_builder.hpp"

namespace cnnsched::onnx_constants_test {
namespace {

using onnx_test::ModelBuilder;
namespace fs = std::filesystem;

std::string import_failure(const std::string& path, const std::string& field) {
  try {
    import_onnx(path);
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InputError for " << path;
  return "";
}

TEST(OnnxConstants, IdentityOfAnInitializerIsAConstant) {
  // PyTorch shares equal constants through Identity nodes (e.g. equal biases).
  ModelBuilder m({1, 3, 8, 8});
  m.node("Identity", "w.shared", {m.init("w", {4, 3, 3, 3})});
  m.node("Identity", "b.shared", {m.init("b", {4})});
  m.node("Identity", "b.twice", {"b.shared"});
  m.node("Conv", "conv", {"x", "w.shared", "b.twice"});
  m.node("Relu", "relu", {"conv"});
  const Network net = import_onnx(m.save("relu", {1, 4, 6, 6}, "identity"));
  ASSERT_EQ(net.layers.size(), 1u);
  EXPECT_EQ(net.layers[0].kind, LayerKind::kConv);
  EXPECT_EQ(net.layers[0].out, (Shape{6, 6, 4}));
  EXPECT_EQ(net.layers[0].activation, Activation::kRelu);
  onnx_test::expect_shapes_match_inference(m, net);
}

// conv -> (Shape, Gather 0, Unsqueeze, Concat with [-1]) -> Reshape -> Gemm.
void flatten_by_shape_chain(ModelBuilder& m, bool unsqueeze_axes_as_input) {
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Shape", "shape", {"conv"});
  ModelBuilder::integer(m.node("Gather", "batch", {"shape", m.ints_init("zero", {0}, {})}), "axis", 0);
  if (unsqueeze_axes_as_input) {
    m.node("Unsqueeze", "batch1", {"batch", m.ints_init("axes", {0})});
  } else {
    ModelBuilder::ints(m.node("Unsqueeze", "batch1", {"batch"}), "axes", {0});
  }
  // (-4 / 4 = -1 by constant arithmetic, to fold a Div and a Cast as well)
  m.node("Div", "minus_one", {m.ints_init("minus_four", {-4}), m.ints_init("four", {4})});
  ModelBuilder::integer(m.node("Cast", "minus_one.i", {"minus_one"}), "to", 7);
  ModelBuilder::integer(m.node("Concat", "target", {"batch1", "minus_one.i"}), "axis", 0);
  m.node("Reshape", "flat", {"conv", "target"});
  ModelBuilder::integer(m.node("Gemm", "fc", {"flat", m.init("fc.W", {10, 144}), m.init("fc.B", {10})}),
                        "transB", 1);
}

TEST(OnnxConstants, ReshapeShapeFromAConstantSubgraphOpset13) {
  ModelBuilder m({1, 3, 8, 8});
  flatten_by_shape_chain(m, true);
  const Network net = import_onnx(m.save("fc", {1, 10}, "shape_chain13"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[1].kind, LayerKind::kFc);
  EXPECT_EQ(net.layers[1].in, (Shape{6, 6, 4}));
  EXPECT_EQ(net.layers[1].out, (Shape{1, 1, 10}));
  onnx_test::expect_shapes_match_inference(m, net);
}

TEST(OnnxConstants, ReshapeShapeFromAConstantSubgraphOpset11) {
  ModelBuilder m({1, 3, 8, 8}, 11);
  flatten_by_shape_chain(m, false);
  const Network net = import_onnx(m.save("fc", {1, 10}, "shape_chain11"));
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_EQ(net.layers[1].in, (Shape{6, 6, 4}));
  onnx_test::expect_shapes_match_inference(m, net);
}

TEST(OnnxConstants, ReshapeToAWrongFoldedShapeIsRefused) {
  // The folded target [1, 100] does not hold the 144 elements: libonnx's
  // inference or the importer refuses it, naming the model.
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Concat", "target", {m.ints_init("one", {1}), m.ints_init("hundred", {100})});
  m.node("Reshape", "flat", {"conv", "target"});
  const std::string path = m.save("flat", {1, 100}, "bad_reshape");
  EXPECT_THROW(import_onnx(path), InputError);
}

TEST(OnnxConstants, FoldOnlyOperatorOnATensorNamesNodeAndInput) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("Conv", "conv", {"x", m.init("w", {4, 3, 3, 3})});
  m.node("Neg", "neg", {"conv"});
  const std::string msg = import_failure(m.save("neg", {1, 4, 6, 6}, "neg"), "node 'neg' (Neg)");
  EXPECT_NE(msg.find("constants only"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'conv'"), std::string::npos) << msg;
}

TEST(OnnxConstants, UnsupportedOperatorListsTheSupportedOnes) {
  ModelBuilder m({1, 3, 8, 8});
  m.node("LpNormalization", "norm", {"x"});
  const std::string msg =
      import_failure(m.save("norm", {1, 3, 8, 8}, "lpnorm"), "node 'norm' (LpNormalization)");
  EXPECT_NE(msg.find("unsupported operator; supported: Conv, "), std::string::npos) << msg;
  EXPECT_NE(msg.find("on constants only (folded at import time): Shape, Gather"), std::string::npos) << msg;
}

// A folder of its own with the model and its weight file; removed at the end.
class ExternalData : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) / ("cnnsched_ext_" + std::to_string(::getpid()) + "_" +
                                           testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "model");
    write(dir_ / "model" / "weights.bin");
    write(dir_ / "outside.bin");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void write(const fs::path& p) {
    std::ofstream f(p, std::ios::binary);
    f << std::string(4 * 3 * 3 * 3 * 4, '\0');
  }
  // A one-conv model whose weight lives at `location`, saved in dir/model.
  std::string model(ModelBuilder& m, const std::string& location) {
    m.node("Conv", "conv", {"x", m.external_init("w", {4, 3, 3, 3}, location)});
    return m.save("conv", {1, 4, 6, 6}, "external", (dir_ / "model").string());
  }
  fs::path dir_;
};

TEST_F(ExternalData, ResolvedRelativeToTheModelsFolder) {
  // The tests run in the build folder, so the working folder is not the model's.
  ModelBuilder m({1, 3, 8, 8});
  const Network net = import_onnx(model(m, "weights.bin"));
  ASSERT_EQ(net.layers.size(), 1u);
  EXPECT_EQ(net.layers[0].out, (Shape{6, 6, 4}));
}

TEST_F(ExternalData, ALocationLeavingTheFolderIsRefused) {
  for (const std::string& location :
       std::vector<std::string>{"../outside.bin", "sub/../../outside.bin", (dir_ / "outside.bin").string()}) {
    SCOPED_TRACE(location);
    ModelBuilder m({1, 3, 8, 8});
    const std::string msg = import_failure(model(m, location), "tensor 'w'");
    EXPECT_NE(msg.find(location), std::string::npos) << msg;
  }
}

TEST_F(ExternalData, ALinkLeadingOutOrAMissingFileIsRefused) {
  fs::create_symlink(dir_ / "outside.bin", dir_ / "model" / "link.bin");
  {
    ModelBuilder m({1, 3, 8, 8});
    const std::string msg = import_failure(model(m, "link.bin"), "tensor 'w'");
    EXPECT_NE(msg.find("links out of the model's folder"), std::string::npos) << msg;
  }
  {
    ModelBuilder m({1, 3, 8, 8});
    const std::string msg = import_failure(model(m, "absent.bin"), "tensor 'w'");
    EXPECT_NE(msg.find("does not exist"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace cnnsched::onnx_constants_test
