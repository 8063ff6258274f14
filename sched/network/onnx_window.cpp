#ifdef CNNSCHED_HAVE_ONNX
#include <algorithm>

#include <cnnsched/sched/network/onnx_window.hpp>

namespace cnnsched {
namespace {

// Per spatial dimension, the padding ONNX's SAME_UPPER/SAME_LOWER implies (symmetric only).
OnnxDims same_padding(const OnnxTensors& tensors, const onnx::NodeProto& node, const Shape& in,
                      const OnnxDims& kernel, const OnnxDims& strides, const std::string& auto_pad) {
  OnnxDims pad{0, 0};
  const std::int64_t extent[2] = {in.h, in.w};
  for (int i = 0; i < 2; ++i) {
    const std::int64_t out = (extent[i] + strides[i] - 1) / strides[i];
    const std::int64_t total = std::max<std::int64_t>((out - 1) * strides[i] + kernel[i] - extent[i], 0);
    if (total % 2 != 0)
      throw tensors.node_error(node, "auto_pad " + auto_pad + " pads " + std::to_string(total) +
                                         " in total along one dimension, which is asymmetric; only symmetric "
                                         "padding is supported");
    pad[i] = total / 2;
  }
  return pad;
}

OnnxDims explicit_padding(const OnnxTensors& tensors, const onnx::NodeProto& node) {
  const OnnxDims pads = ints_attribute(node, "pads", {0, 0, 0, 0});
  if (pads.size() != 4 || pads[0] != pads[2] || pads[1] != pads[3])
    throw tensors.node_error(node,
                             "pads " + dims_text(pads) +
                                 " are not supported; only symmetric padding [top, left, bottom, right] "
                                 "with top == bottom and left == right");
  return {pads[0], pads[1]};
}

}  // namespace

void onnx_window_geometry(const OnnxTensors& tensors, const onnx::NodeProto& node, const Shape& in,
                          const OnnxDims& kernel, nlohmann::json& layer) {
  if (kernel.size() != 2) throw tensors.node_error(node, "needs a 2-D kernel, got " + dims_text(kernel));
  const OnnxDims strides = ints_attribute(node, "strides", {1, 1});
  const OnnxDims dilations = ints_attribute(node, "dilations", {1, 1});
  if (strides.size() != 2) throw tensors.node_error(node, "needs 2 strides, got " + dims_text(strides));
  if (dilations != OnnxDims{1, 1})
    throw tensors.node_error(node, "dilations " + dims_text(dilations) + " are not supported; only [1, 1]");
  const std::string auto_pad = string_attribute(node, "auto_pad", "NOTSET");
  OnnxDims pad{0, 0};
  if (auto_pad == "NOTSET") {
    pad = explicit_padding(tensors, node);
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    pad = same_padding(tensors, node, in, kernel, strides, auto_pad);
  } else if (auto_pad != "VALID") {
    throw tensors.node_error(
        node, "auto_pad '" + auto_pad + "' is not supported; NOTSET, VALID, SAME_UPPER, SAME_LOWER");
  }
  for (int i = 0; i < 2; ++i)
    if (pad[i] >= kernel[i])
      throw tensors.node_error(
          node, "padding " + dims_text(pad) + " must be smaller than the kernel " + dims_text(kernel));
  layer["kernel"] = {kernel[0], kernel[1]};
  layer["stride"] = {strides[0], strides[1]};
  layer["padding"] = {pad[0], pad[1]};
}

}  // namespace cnnsched
#endif
