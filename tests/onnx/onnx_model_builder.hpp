#pragma once
// ONNX models written by the tests, without any Python: one float input "x",
// nodes added by the test, initializers (zero floats or given integers), and
// the file removed with the builder.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>
#include <string>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

namespace cnnsched::onnx_test {

class ModelBuilder {
 public:
  explicit ModelBuilder(std::vector<std::int64_t> dims, int opset = 13) {
    model_.set_ir_version(7);
    auto* op = model_.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    graph_ = model_.mutable_graph();
    graph_->set_name("built");
    auto* x = graph_->add_input();
    x->set_name("x");
    auto* type = x->mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnx::TensorProto::FLOAT);
    for (auto d : dims) type->mutable_shape()->add_dim()->set_dim_value(d);
  }

  // A zero float initializer.
  std::string init(const std::string& name, std::vector<std::int64_t> dims) {
    onnx::TensorProto* t = tensor(name, dims, onnx::TensorProto::FLOAT);
    t->set_raw_data(std::string(static_cast<std::size_t>(count(dims)) * 4, '\0'));
    return name;
  }
  // An int64 initializer holding `values` (1-D unless dims are given).
  std::string ints_init(const std::string& name, std::vector<std::int64_t> values,
                        std::vector<std::int64_t> dims = {-1}) {
    if (dims == std::vector<std::int64_t>{-1}) dims = {static_cast<std::int64_t>(values.size())};
    onnx::TensorProto* t = tensor(name, dims, onnx::TensorProto::INT64);
    for (auto v : values) t->add_int64_data(v);
    return name;
  }
  // A float initializer holding `values` (a scalar when dims is empty).
  std::string floats_init(const std::string& name, std::vector<float> values,
                          std::vector<std::int64_t> dims) {
    onnx::TensorProto* t = tensor(name, dims, onnx::TensorProto::FLOAT);
    for (auto v : values) t->add_float_data(v);
    return name;
  }
  // A zero float initializer whose data is external: `location`, as written
  // into the model (the file itself is the test's business).
  std::string external_init(const std::string& name, std::vector<std::int64_t> dims,
                            const std::string& location) {
    onnx::TensorProto* t = tensor(name, dims, onnx::TensorProto::FLOAT);
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto* e = t->add_external_data();
    e->set_key("location");
    e->set_value(location);
    auto* len = t->add_external_data();
    len->set_key("length");
    len->set_value(std::to_string(count(dims) * 4));
    return name;
  }

  onnx::NodeProto* node(const std::string& op, const std::string& name, std::vector<std::string> inputs) {
    auto* n = graph_->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& i : inputs) n->add_input(i);
    n->add_output(name);
    return n;
  }

  static void ints(onnx::NodeProto* n, const char* name, std::vector<std::int64_t> values) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (auto v : values) a->add_ints(v);
  }
  static void integer(onnx::NodeProto* n, const char* name, std::int64_t value) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
  }
  static void real(onnx::NodeProto* n, const char* name, float value) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
  }
  static void text(onnx::NodeProto* n, const char* name, const std::string& value) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(value);
  }

  // Marks tensor `output` of shape `dims` as the graph output and writes the
  // model to a temp file (in `folder` when given).
  std::string save(const std::string& output, std::vector<std::int64_t> dims, const std::string& file,
                   const std::string& folder = "") {
    auto* out = graph_->add_output();
    out->set_name(output);
    auto* type = out->mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnx::TensorProto::FLOAT);
    for (auto d : dims) type->mutable_shape()->add_dim()->set_dim_value(d);
    // The pid keeps concurrent runs from different build trees apart.
    const std::string dir = folder.empty() ? testing::TempDir() : folder + "/";
    const std::string path = dir + "cnnsched_" + std::to_string(::getpid()) + "_" + file + ".onnx";
    std::ofstream f(path, std::ios::binary);
    model_.SerializeToOstream(&f);
    saved_ = path;
    return path;
  }
  ~ModelBuilder() {
    if (!saved_.empty()) std::remove(saved_.c_str());
  }

  const onnx::ModelProto& model() const { return model_; }

 private:
  static std::int64_t count(const std::vector<std::int64_t>& dims) {
    std::int64_t n = 1;
    for (auto d : dims) n *= d;
    return n;
  }
  onnx::TensorProto* tensor(const std::string& name, const std::vector<std::int64_t>& dims, int type) {
    auto* t = graph_->add_initializer();
    t->set_name(name);
    t->set_data_type(type);
    for (auto d : dims) t->add_dims(d);
    return t;
  }

  onnx::ModelProto model_;
  onnx::GraphProto* graph_ = nullptr;
  std::string saved_;
};

// Every layer's output shape (H x W x C) equals what ONNX's own shape
// inference gives the tensor of the node the layer is named after, and the
// network input the graph input's. Layers whose node has no inferred shape fail.
inline void expect_model_shapes_match_inference(onnx::ModelProto m, const Network& net) {
  onnx::shape_inference::InferShapes(m);
  auto hwc = [&](const onnx::ValueInfoProto& v) {
    const auto& d = v.type().tensor_type().shape().dim();
    if (d.size() == 2) return Shape{1, 1, d[1].dim_value()};
    if (d.size() == 4) return Shape{d[2].dim_value(), d[3].dim_value(), d[1].dim_value()};
    return Shape{-1, -1, -1};
  };
  EXPECT_EQ(hwc(m.graph().input(0)), net.input_shape);
  for (const Layer& l : net.layers) {
    bool found = false;
    for (const auto* list : {&m.graph().value_info(), &m.graph().output()})
      for (const auto& v : *list)
        if (v.name() == l.name) {
          found = true;
          EXPECT_EQ(hwc(v), l.out) << l.name;
        }
    EXPECT_TRUE(found) << "no inferred shape for " << l.name;
  }
}

inline void expect_shapes_match_inference(const ModelBuilder& builder, const Network& net) {
  expect_model_shapes_match_inference(builder.model(), net);
}

// The message of the InputError importing `path` throws ("" when it imports).
inline std::string import_failure_message(const std::string& path) {
  try {
    import_onnx(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace cnnsched::onnx_test
