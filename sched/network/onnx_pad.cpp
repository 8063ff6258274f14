#include <cnnsched/sched/network/onnx_pad.hpp>

#ifdef CNNSCHED_HAVE_ONNX

#include <string>

#include <cnnsched/sched/network/onnx_attributes.hpp>

namespace cnnsched {

namespace {

// A constant input of Pad as integers / one number; throws naming the input.
std::vector<double> pad_constant_input(const onnx::NodeProto& node, const OnnxTensors& tensors, int k,
                                       const char* what) {
  const OnnxConstant* c = tensors.constant_value(node.input(k));
  if (!c || !c->known)
    throw tensors.node_error(node, std::string("needs a constant ") + what + " (input " + std::to_string(k) +
                                       ", '" + node.input(k) + "')");
  return c->values;
}

bool has_input(const onnx::NodeProto& node, int k) { return node.input_size() > k && !node.input(k).empty(); }

// Per axis of the rank-4 input, [begin x 4, end x 4].
OnnxDims pads_per_axis(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  if (find_attribute(node, "pads")) return ints_attribute(node, "pads", {});  // before opset 11
  if (!has_input(node, 1)) throw tensors.node_error(node, "needs pads");
  const std::vector<double> pads = pad_constant_input(node, tensors, 1, "pads");
  std::vector<std::int64_t> axes = {0, 1, 2, 3};
  if (has_input(node, 3)) {
    axes.clear();
    for (double a : pad_constant_input(node, tensors, 3, "axes"))
      axes.push_back(a < 0 ? static_cast<std::int64_t>(a) + 4 : static_cast<std::int64_t>(a));
  }
  if (pads.size() != 2 * axes.size())
    throw tensors.node_error(node, "pads has " + std::to_string(pads.size()) + " values for " +
                                       std::to_string(axes.size()) + " axes; need two per axis");
  OnnxDims out(8, 0);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] < 0 || axes[i] > 3)
      throw tensors.node_error(node, "axes must lie in [-4, 3] for a 4-D input");
    out[static_cast<std::size_t>(axes[i])] = static_cast<std::int64_t>(pads[i]);
    out[static_cast<std::size_t>(axes[i]) + 4] = static_cast<std::int64_t>(pads[i + axes.size()]);
  }
  return out;
}

}  // namespace

OnnxDims onnx_pad_amounts(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const std::string mode = string_attribute(node, "mode", "constant");
  if (mode != "constant")
    throw tensors.node_error(
        node,
        "attribute mode = '" + mode + "' is not supported; only mode 'constant' with value 0 (zero padding)");
  double value = float_attribute(node, "value", 0.0);
  if (has_input(node, 2)) {
    const std::vector<double> v = pad_constant_input(node, tensors, 2, "constant_value");
    value = v.empty() ? 0.0 : v[0];
  }
  if (value != 0.0)
    throw tensors.node_error(
        node, "constant_value " + std::to_string(value) + " is not supported; only zero padding (value 0)");
  if (tensors.shape(node.input(0)).size() != 4)
    throw tensors.node_error(node,
                             "needs a 4-D NCHW input, got shape " + dims_text(tensors.shape(node.input(0))));
  const OnnxDims p = pads_per_axis(node, tensors);
  if (p.size() != 8)
    throw tensors.node_error(node, "pads " + dims_text(p) + " need 8 values for a 4-D input");
  if (p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0)
    throw tensors.node_error(
        node, "pads " + dims_text(p) + " pad the batch or channel axis; only H and W may be padded");
  for (auto v : p)
    if (v < 0)
      throw tensors.node_error(node, "pads " + dims_text(p) + " are negative (cropping); only pads >= 0");
  return {p[2], p[3], p[6], p[7]};
}

}  // namespace cnnsched
#endif
