#pragma once
// Constant folding at import time: a node whose inputs are all constants
// (initializers, Constant outputs, or a Shape of a tensor whose shape is
// known) is evaluated here and its output becomes a constant, so that the
// Shape -> Gather -> Unsqueeze -> Concat chains PyTorch emits around a
// Reshape, Identity nodes reading an initializer, and Clip/Pad bounds given
// as inputs are plain constants to the importer. Values are held as doubles
// (exact for the small integers of shapes and indices); a tensor of more than
// kMaxFoldedElements elements keeps only its shape. Only built with libonnx.
// onnx_tensor_decode.cpp decodes tensor data; onnx_constant_folding.cpp
// evaluates nodes.
//
// Folded operators: Constant, Identity, Shape, Gather, Unsqueeze, Squeeze,
// Concat, Reshape, Slice, Cast, ConstantOfShape, Range, Add, Sub, Mul, Div
// (integer division truncates), Floor, Ceil, Sqrt, Neg, Abs.
#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/onnx_pb.h>
#include <string>
#include <vector>

#include <cnnsched/sched/network/onnx_attributes.hpp>

namespace cnnsched {

class OnnxTensors;

inline constexpr std::int64_t kMaxFoldedElements = std::int64_t{1} << 20;

// A constant tensor: its dims, and its values in row-major order when known.
struct OnnxConstant {
  OnnxDims dims;
  std::vector<double> values;
  bool known = false;
};

// Operators that may only appear on constants (they are folded, never layers).
bool onnx_fold_only_op(const std::string& op);
// Every operator constant folding evaluates.
bool onnx_foldable_op(const std::string& op);
std::string onnx_fold_only_ops();  // readable list

// Elements of dims: -1 when a dim is unknown (negative), more than
// kMaxFoldedElements (not exact) when larger than that.
std::int64_t onnx_element_count(const OnnxDims& d);

// The values of an initializer or Constant tensor; known = false when it is
// larger than kMaxFoldedElements or of a type not read here.
OnnxConstant decode_onnx_tensor(const std::string& model_path, const onnx::TensorProto& tensor);

// Folds `node` when every input is a constant; returns false (nothing done)
// otherwise. Throws InputError naming the node for inputs that make no sense.
bool fold_constant_node(OnnxTensors& tensors, const onnx::NodeProto& node);

// Gives every Reshape, Slice and Split whose output shape inference left open
// its small folded constant inputs (a Reshape's target, a Slice's ends, a
// Split's sizes) as initializers, so a second shape inference knows the
// tensors after it (repeat while it changes anything: each round may open
// the next Shape): libonnx propagates no data through Div, for one, which
// PyTorch's channel shuffle and chunk compute their shapes with. Returns
// whether it changed the model; folding errors are left to the import, which
// reports them.
bool pin_folded_shape_inputs(const std::string& model_path, onnx::ModelProto& model);

}  // namespace cnnsched
#endif
