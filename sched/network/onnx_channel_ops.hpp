#pragma once
// What the channel operators of an ONNX graph select: the channel ranges of a
// Split's outputs and of a Slice, and the group count of a channel shuffle
// (Reshape to N x g x C/g x H x W, Transpose 0 2 1 3 4, Reshape back to
// N x C x H x W). Each reads constant inputs or attributes (opset 11 and 13
// forms) and throws the node's InputError for anything but channels (axis 1)
// of a 4-D NCHW tensor with step 1. Only built with libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/onnx_pb.h>
#include <vector>

#include <cnnsched/sched/network/onnx_tensors.hpp>
#include <cnnsched/sched/network/slicing.hpp>

namespace cnnsched {

// The channels of every output of a Split of a 4-D tensor along axis 1.
std::vector<Range> onnx_split_channels(const onnx::NodeProto& node, const OnnxTensors& tensors);

// The channels a Slice of a 4-D tensor keeps (only along axis 1, step 1).
Range onnx_slice_channels(const onnx::NodeProto& node, const OnnxTensors& tensors);

// Concat of 4-D tensors: throws unless along axis 1.
void check_concat_axis(const onnx::NodeProto& node, const OnnxTensors& tensors);

// The dims a Reshape produces from its (folded) shape input: 0 copies the
// input's dimension, -1 takes what is left. Empty when the target is not known.
OnnxDims onnx_reshape_target(const onnx::NodeProto& node, const OnnxTensors& tensors);

// The Transpose reading a 5-D Reshape `reshape` and the Reshape after it, when
// they form a channel shuffle; `groups` is g. Null when `reshape` is no such
// start; throws the node's InputError when the pattern is there but its sizes
// or permutation are not a channel shuffle.
struct OnnxShuffle {
  const onnx::NodeProto* transpose = nullptr;
  const onnx::NodeProto* reshape_back = nullptr;
  std::int64_t groups = 1;
};
OnnxShuffle find_onnx_shuffle(const onnx::NodeProto& reshape, const OnnxTensors& tensors);

}  // namespace cnnsched
#endif
