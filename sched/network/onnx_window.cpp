#ifdef CNNSCHED_HAVE_ONNX
#include <algorithm>

#include <cnnsched/sched/network/onnx_window.hpp>

namespace cnnsched {
namespace {

// The padding [top, left, bottom, right] ONNX's SAME_UPPER / SAME_LOWER imply:
// an odd total puts the extra row / col at the end (UPPER) or the start (LOWER).
OnnxDims same_padding(const Shape& in, const OnnxDims& kernel, const OnnxDims& strides, bool upper) {
  OnnxDims pad{0, 0, 0, 0};
  const std::int64_t extent[2] = {in.h, in.w};
  for (int i = 0; i < 2; ++i) {
    const std::int64_t out = (extent[i] + strides[i] - 1) / strides[i];
    const std::int64_t total = std::max<std::int64_t>((out - 1) * strides[i] + kernel[i] - extent[i], 0);
    pad[i] = upper ? total / 2 : total - total / 2;
    pad[i + 2] = total - pad[i];
  }
  return pad;
}

OnnxDims explicit_padding(const OnnxTensors& tensors, const onnx::NodeProto& node) {
  const OnnxDims pads = ints_attribute(node, "pads", {0, 0, 0, 0});
  bool ok = pads.size() == 4;
  for (auto p : pads) ok = ok && p >= 0;
  if (!ok)
    throw tensors.node_error(node, "pads " + dims_text(pads) +
                                       " are not supported; need 4 values >= 0 [top, left, bottom, right]");
  return pads;
}

}  // namespace

void onnx_window_geometry(const OnnxTensors& tensors, const onnx::NodeProto& node, const Shape& in,
                          const OnnxDims& kernel, nlohmann::json& layer, const OnnxDims& extra) {
  if (kernel.size() != 2) throw tensors.node_error(node, "needs a 2-D kernel, got " + dims_text(kernel));
  const OnnxDims strides = ints_attribute(node, "strides", {1, 1});
  const OnnxDims dilations = ints_attribute(node, "dilations", {1, 1});
  if (strides.size() != 2) throw tensors.node_error(node, "needs 2 strides, got " + dims_text(strides));
  if (dilations != OnnxDims{1, 1})
    throw tensors.node_error(node, "dilations " + dims_text(dilations) + " are not supported; only [1, 1]");
  const std::string auto_pad = string_attribute(node, "auto_pad", "NOTSET");
  OnnxDims pad{0, 0, 0, 0};
  if (auto_pad == "NOTSET") {
    pad = explicit_padding(tensors, node);
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    if (extra != OnnxDims{0, 0, 0, 0})
      throw tensors.node_error(node, "auto_pad " + auto_pad + " after a Pad is not supported; use pads");
    pad = same_padding(in, kernel, strides, auto_pad == "SAME_UPPER");
  } else if (auto_pad != "VALID") {
    throw tensors.node_error(
        node, "auto_pad '" + auto_pad + "' is not supported; NOTSET, VALID, SAME_UPPER, SAME_LOWER");
  }
  for (int i = 0; i < 4; ++i) pad[i] += extra[i];
  for (int i = 0; i < 4; ++i)
    if (pad[i] >= kernel[i % 2])
      throw tensors.node_error(node, "padding [top, left, bottom, right] " + dims_text(pad) +
                                         " must be smaller than the kernel " + dims_text(kernel) +
                                         " on every side");
  layer["kernel"] = {kernel[0], kernel[1]};
  layer["stride"] = {strides[0], strides[1]};
  if (pad[0] == pad[2] && pad[1] == pad[3])
    layer["padding"] = {pad[0], pad[1]};
  else
    layer["padding"] = pad;
}

}  // namespace cnnsched
#endif
