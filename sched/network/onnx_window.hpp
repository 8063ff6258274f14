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

// Sets layer["kernel"], ["stride"], ["padding"]; throws InputError naming the
// node for dilations, asymmetric padding or padding not below the kernel.
void onnx_window_geometry(const OnnxTensors& tensors, const onnx::NodeProto& node, const Shape& in,
                          const OnnxDims& kernel, nlohmann::json& layer);

}  // namespace cnnsched
#endif
