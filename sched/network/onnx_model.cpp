#include <cnnsched/sched/network/onnx_model.hpp>

#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/input_file.hpp>
#include <cnnsched/sched/network/onnx_constant_folding.hpp>
#include <cnnsched/sched/network/onnx_external_data.hpp>

namespace cnnsched {

namespace {

const char* const kSupportedOps[] = {"Conv",          "MaxPool",
                                     "AveragePool",   "GlobalAveragePool",
                                     "GlobalMaxPool", "Gemm",
                                     "MatMul",        "Add",
                                     "Relu",          "BatchNormalization",
                                     "Flatten",       "Reshape",
                                     "Identity",      "Dropout",
                                     "Constant",      "Clip",
                                     "Sigmoid",       "HardSigmoid",
                                     "HardSwish",     "Softmax",
                                     "LogSoftmax",    "ReduceMean",
                                     "Pad",           "Mul",
                                     "Concat",        "Split",
                                     "Slice",         "Transpose"};

}  // namespace

std::string supported_onnx_ops() {
  std::string list;
  for (const char* op : kSupportedOps) list += (list.empty() ? "" : ", ") + std::string(op);
  return list + "; on constants only (folded at import time): " + onnx_fold_only_ops();
}

bool supported_onnx_op(const onnx::NodeProto& node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") return false;
  for (const char* op : kSupportedOps)
    if (node.op_type() == op) return true;
  return onnx_foldable_op(node.op_type());
}

namespace {

// libonnx's checker and shape inference trust their input (a zero stride
// divides by zero and kills the process), so before they run every node must
// be an operator the importer supports, with sane window attributes.
void check_before_inference(const std::string& path, const onnx::GraphProto& graph) {
  for (const onnx::NodeProto& node : graph.node()) {
    const std::string field = "node '" + node.name() + "' (" + node.op_type() + ")";
    if (!supported_onnx_op(node))
      throw InputError(path, field,
                       (node.domain().empty() || node.domain() == "ai.onnx"
                            ? std::string("unsupported operator")
                            : "operator domain '" + node.domain() + "' is not supported") +
                           "; supported: " + supported_onnx_ops());
    for (const onnx::AttributeProto& a : node.attribute()) {
      const bool positive = a.name() == "strides" || a.name() == "kernel_shape" || a.name() == "dilations";
      const bool non_negative = a.name() == "pads";
      const std::int64_t least = positive ? 1 : 0;
      if (!positive && !non_negative) continue;
      for (std::int64_t v : a.ints())
        if (v < least)
          throw InputError(path, field,
                           "attribute '" + a.name() + "' must hold integers >= " + std::to_string(least) +
                               ", got " + std::to_string(v));
    }
  }
}

}  // namespace

onnx::ModelProto read_onnx_model(const std::string& path) {
  const std::string data = read_input_file(path, kMaxOnnxFileBytes, "an ONNX model");
  onnx::ModelProto model;
  if (!model.ParseFromString(data) || !model.has_graph() || model.graph().node_size() == 0)
    throw InputError(path, "", "not a valid ONNX model (no graph could be read from the file)");
  check_before_inference(path, model.graph());
  resolve_external_data(path, *model.mutable_graph());
  infer_onnx_shapes(path, model);
  return model;
}

void infer_onnx_shapes(const std::string& path, onnx::ModelProto& model) {
  try {
    onnx::checker::check_model(model);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(true, 1, true));
  } catch (const std::exception& e) {
    throw InputError(path, "", std::string("not a valid ONNX model: ") + e.what());
  }
}

std::string onnx_model_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string ext = ".onnx";
  if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
    name.resize(name.size() - ext.size());
  return name;
}

}  // namespace cnnsched
#endif
