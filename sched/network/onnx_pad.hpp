#pragma once
// What an ONNX Pad node means to the importer: zero padding of H and W that
// folds into the padding of the Conv or pooling reading it. Only built with
// libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/onnx_pb.h>

#include <cnnsched/sched/network/onnx_tensors.hpp>

namespace cnnsched {

// The padding [top, left, bottom, right] of a Pad on an NCHW tensor: opset 11+
// (pads, constant_value and axes as constant inputs) or before (attributes pads
// and value). Throws the node's InputError for a mode other than constant, a
// value other than 0, padding of N or C, or negative pads (cropping).
OnnxDims onnx_pad_amounts(const onnx::NodeProto& node, const OnnxTensors& tensors);

}  // namespace cnnsched
#endif
