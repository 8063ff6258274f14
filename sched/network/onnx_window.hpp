#pragma once
// Kernel, stride and padding of an ONNX window operator (Conv, MaxPool,
// AveragePool) as a network-config layer, with ONNX's auto_pad resolved.
// Only built with libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include <cnnsched/sched/network/layer.hpp>
#include <cnnsched/sched/network/onnx_tensors.hpp>

namespace cnnsched {

// Sets layer["kernel"], ["stride"], ["padding"] ([h, w] when symmetric, else
// [top, left, bottom, right]); `extra` [top, left, bottom, right] is the zero
// padding of a Pad folded into the node. Throws InputError naming the node for
// dilations or padding not below the kernel.
void onnx_window_geometry(const OnnxTensors& tensors, const onnx::NodeProto& node, const Shape& in,
                          const OnnxDims& kernel, nlohmann::json& layer,
                          const OnnxDims& extra = {0, 0, 0, 0});

}  // namespace cnnsched
#endif
