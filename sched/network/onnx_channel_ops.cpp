#include <cnnsched/sched/network/onnx_channel_ops.hpp>

#ifdef CNNSCHED_HAVE_ONNX
#include <algorithm>

namespace cnnsched {

namespace {

// The channel count of the node's 4-D input 0; throws otherwise.
std::int64_t input_channels_4d(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const OnnxDims d = tensors.shape(node.input(0));
  if (d.size() != 4 || d[1] < 1)
    throw tensors.node_error(node, "needs a 4-D NCHW input of known channels, got shape " + dims_text(d));
  return d[1];
}

void check_channel_axis(const onnx::NodeProto& node, const OnnxTensors& tensors, std::int64_t axis) {
  if (axis < 0) axis += 4;
  if (axis != 1)
    throw tensors.node_error(
        node, "axis " + std::to_string(axis) + " is not supported; only the channels (axis 1 of NCHW)");
}

// Integers of constant input `input`, or of attribute `attribute` when the
// input is absent; `fallback` when neither is there.
OnnxDims ints_from(const onnx::NodeProto& node, const OnnxTensors& tensors, int input, const char* attribute,
                   OnnxDims fallback) {
  if (input < node.input_size() && !node.input(input).empty()) {
    const OnnxConstant* c = tensors.constant_value(node.input(input));
    if (!c || !c->known)
      throw tensors.node_error(
          node, "input " + std::to_string(input) + " ('" + node.input(input) + "') must be a constant");
    OnnxDims v;  // INT64_MAX ends (to the end) arrive as doubles: clamped before the cast
    for (double x : c->values) v.push_back(static_cast<std::int64_t>(std::max(-4e18, std::min(4e18, x))));
    return v;
  }
  return ints_attribute(node, attribute, std::move(fallback));
}

}  // namespace

std::vector<Range> onnx_split_channels(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const std::int64_t channels = input_channels_4d(node, tensors);
  check_channel_axis(node, tensors, int_attribute(node, "axis", 0));
  const auto outputs = static_cast<std::int64_t>(node.output_size());
  OnnxDims sizes = ints_from(node, tensors, 1, "split", {});
  if (sizes.empty()) {  // equal parts (num_outputs of opset 18, or the output count)
    const std::int64_t n = int_attribute(node, "num_outputs", outputs);
    const std::int64_t part = (channels + n - 1) / n;
    for (std::int64_t first = 0; first < channels; first += part)
      sizes.push_back(std::min(part, channels - first));
  }
  if (static_cast<std::int64_t>(sizes.size()) != outputs)
    throw tensors.node_error(
        node, std::to_string(sizes.size()) + " split sizes for " + std::to_string(outputs) + " outputs");
  std::vector<Range> ranges;
  std::int64_t first = 0;
  for (std::int64_t s : sizes) {
    if (s < 1) throw tensors.node_error(node, "split sizes must be positive, got " + dims_text(sizes));
    ranges.push_back({first, first + s});
    first += s;
  }
  if (first != channels)
    throw tensors.node_error(node, "split sizes " + dims_text(sizes) + " do not add up to the " +
                                       std::to_string(channels) + " input channels");
  return ranges;
}

Range onnx_slice_channels(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const std::int64_t channels = input_channels_4d(node, tensors);
  const OnnxDims starts = ints_from(node, tensors, 1, "starts", {});
  const OnnxDims ends = ints_from(node, tensors, 2, "ends", {});
  OnnxDims axes = ints_from(node, tensors, 3, "axes", {});
  const OnnxDims steps = ints_from(node, tensors, 4, "steps", {});
  if (axes.empty())
    for (std::size_t k = 0; k < starts.size(); ++k) axes.push_back(static_cast<std::int64_t>(k));
  if (starts.size() != ends.size() || axes.size() != starts.size() ||
      (!steps.empty() && steps.size() != starts.size()))
    throw tensors.node_error(node, "starts, ends, axes and steps must have the same length");
  Range r{0, channels};
  const OnnxDims shape = tensors.shape(node.input(0));
  for (std::size_t k = 0; k < axes.size(); ++k) {
    const std::int64_t axis = axes[k] < 0 ? axes[k] + 4 : axes[k];
    if (axis < 0 || axis > 3)
      throw tensors.node_error(node, "axis " + std::to_string(axes[k]) + " is out of range");
    const std::int64_t n = shape[static_cast<std::size_t>(axis)];
    auto clamp = [n](std::int64_t v) { return std::max<std::int64_t>(0, std::min(n, v < 0 ? v + n : v)); };
    const Range along{clamp(starts[k]), clamp(ends[k])};
    const bool whole = along.begin == 0 && along.end == n;
    if (!steps.empty() && steps[k] != 1)
      throw tensors.node_error(node, "step " + std::to_string(steps[k]) + " is not supported; only step 1");
    if (axis != 1 && !whole)
      throw tensors.node_error(node, "slicing axis " + std::to_string(axis) +
                                         " is not supported; only the channels (axis 1 of NCHW)");
    if (axis == 1) r = along;
  }
  if (r.empty()) throw tensors.node_error(node, "selects no channel");
  return r;
}

void check_concat_axis(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  for (int i = 0; i < node.input_size(); ++i) {
    const OnnxDims d = tensors.shape(node.input(i));
    if (d.size() != 4)
      throw tensors.node_error(
          node, "needs 4-D NCHW inputs, input " + std::to_string(i) + " has shape " + dims_text(d));
  }
  const auto* axis = find_attribute(node, "axis");
  if (!axis) throw tensors.node_error(node, "needs the axis attribute");
  check_channel_axis(node, tensors, axis->i());
}

OnnxDims onnx_reshape_target(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const OnnxConstant* c = node.input_size() > 1 ? tensors.constant_value(node.input(1)) : nullptr;
  const OnnxDims in = tensors.shape(node.input(0));
  if (!c || !c->known || in.empty()) return {};
  OnnxDims out;
  std::int64_t known = 1, open = -1;
  for (std::size_t k = 0; k < c->values.size(); ++k) {
    auto v = static_cast<std::int64_t>(c->values[k]);
    if (v == 0 && k < in.size()) v = in[k];
    if (v == -1)
      open = static_cast<std::int64_t>(k);
    else
      known *= v;
    out.push_back(v);
  }
  const std::int64_t n = item_elements(in) * std::max<std::int64_t>(in[0], 1);
  if (open >= 0 && known > 0) out[static_cast<std::size_t>(open)] = n / known;
  return out;
}

OnnxShuffle find_onnx_shuffle(const onnx::NodeProto& reshape, const OnnxTensors& tensors) {
  const OnnxDims in = tensors.shape(reshape.input(0));
  const OnnxDims grouped = onnx_reshape_target(reshape, tensors);
  if (grouped.size() != 5 || in.size() != 4) return {};
  OnnxShuffle s;
  s.transpose = tensors.only_consumer(reshape.output(0));
  if (!s.transpose || s.transpose->op_type() != "Transpose")
    throw tensors.node_error(reshape,
                             "a 5-D Reshape is supported only as the start of a channel shuffle "
                             "(Reshape, Transpose 0 2 1 3 4, Reshape back)");
  if (ints_attribute(*s.transpose, "perm", {}) != OnnxDims{0, 2, 1, 3, 4})
    throw tensors.node_error(*s.transpose,
                             "only the channel shuffle's permutation [0, 2, 1, 3, 4] is supported");
  s.reshape_back = tensors.only_consumer(s.transpose->output(0));
  if (!s.reshape_back || s.reshape_back->op_type() != "Reshape")
    throw tensors.node_error(*s.transpose,
                             "a channel shuffle's Transpose must be followed by its Reshape back");
  if (grouped[0] != in[0] || grouped[3] != in[2] || grouped[4] != in[3] || grouped[1] < 1 ||
      grouped[1] * grouped[2] != in[1])
    throw tensors.node_error(reshape, "reshapes " + dims_text(in) + " to " + dims_text(grouped) +
                                          ", which is not N x g x C/g x H x W of a channel shuffle");
  s.groups = grouped[1];
  return s;
}

}  // namespace cnnsched
#endif
