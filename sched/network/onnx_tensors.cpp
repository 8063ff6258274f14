#ifdef CNNSCHED_HAVE_ONNX
#include <cnnsched/sched/network/onnx_tensors.hpp>

namespace cnnsched {

OnnxTensors::OnnxTensors(std::string path, const onnx::GraphProto& graph)
    : path_(std::move(path)), graph_(graph) {
  for (const auto& init : graph_.initializer()) {
    constants_[init.name()] = {OnnxDims(init.dims().begin(), init.dims().end()), {}, false};
    initializers_[init.name()] = &init;
  }
  auto add = [&](const onnx::ValueInfoProto& v) { shapes_[v.name()] = tensor_dims(v.type()); };
  for (const auto& v : graph_.input()) add(v);
  for (const auto& v : graph_.value_info()) add(v);
  for (const auto& v : graph_.output()) add(v);
  for (const auto& node : graph_.node())
    for (const auto& in : node.input())
      if (!in.empty()) ++uses_[in];
  for (const auto& out : graph_.output()) ++uses_[out.name()];
}

std::string OnnxTensors::label(const onnx::NodeProto& node) const {
  return "node '" + node.name() + "' (" + node.op_type() + ")";
}

InputError OnnxTensors::node_error(const onnx::NodeProto& node, const std::string& problem) const {
  return InputError(path_, label(node), problem);
}

std::string OnnxTensors::input_name() const {
  std::vector<std::string> names;
  for (const auto& v : graph_.input())
    if (!is_constant(v.name())) names.push_back(v.name());
  if (names.size() == 1) return names[0];
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw InputError(path_, "graph.input",
                   "the model needs exactly one input tensor (besides initializers), got " +
                       std::to_string(names.size()) + (list.empty() ? "" : ": " + list));
}

OnnxDims OnnxTensors::shape(const std::string& tensor) const {
  auto it = shapes_.find(tensor);
  return it == shapes_.end() ? OnnxDims{} : it->second;
}

const onnx::NodeProto* OnnxTensors::only_consumer(const std::string& tensor) const {
  if (uses(tensor) != 1) return nullptr;
  for (const auto& out : graph_.output())
    if (out.name() == tensor) return nullptr;
  for (const auto& node : graph_.node())
    for (const auto& in : node.input())
      if (in == tensor) return &node;
  return nullptr;
}

int OnnxTensors::uses(const std::string& tensor) const {
  auto it = uses_.find(tensor);
  return it == uses_.end() ? 0 : it->second;
}

const OnnxValue& OnnxTensors::value(const onnx::NodeProto& node, int input) const {
  const std::string& name = node.input(input);
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  if (is_constant(name))
    throw node_error(node, "input '" + name + "' is a constant; it must be a tensor computed by the network");
  throw node_error(node, "input '" + name + "' is not produced by a supported operator");
}

const OnnxDims& OnnxTensors::constant(const onnx::NodeProto& node, int input, const char* what) const {
  const std::string name = input < node.input_size() ? node.input(input) : "";
  auto it = constants_.find(name);
  if (it == constants_.end())
    throw node_error(node, std::string("the ") + what + " must be an initializer (a constant tensor)");
  return it->second.dims;
}

const OnnxConstant* OnnxTensors::constant_value(const std::string& tensor) const {
  auto it = constants_.find(tensor);
  if (it == constants_.end()) return nullptr;
  auto init = initializers_.find(tensor);
  if (init != initializers_.end() && !it->second.known) it->second = decode_onnx_tensor(path_, *init->second);
  return &it->second;
}

void OnnxTensors::require_unused_outputs(const onnx::NodeProto& node, int first) const {
  for (int k = first; k < node.output_size(); ++k)
    if (!node.output(k).empty() && uses(node.output(k)) > 0)
      throw node_error(node, "output " + std::to_string(k) + " ('" + node.output(k) +
                                 "') is used; only the first output is supported");
}

}  // namespace cnnsched
#endif
