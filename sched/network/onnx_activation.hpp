#pragma once
// What an ONNX activation node with parameters means as a fused activation:
// Clip's bounds (ReLU6 or ReLU) and HardSigmoid's alpha and beta (PyTorch's
// only). Only built with libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/onnx_pb.h>

#include <cnnsched/sched/network/layer.hpp>
#include <cnnsched/sched/network/onnx_tensors.hpp>

namespace cnnsched {

// Clip(0, 6) is ReLU6, Clip(0, inf) ReLU; other bounds, or bounds that are
// not constant scalars, throw the node's InputError.
Activation clip_activation(const onnx::NodeProto& node, const OnnxTensors& tensors);

// Throws the node's InputError unless alpha = 1/6 and beta = 0.5.
void check_hardsigmoid(const onnx::NodeProto& node, const OnnxTensors& tensors);

}  // namespace cnnsched
#endif
