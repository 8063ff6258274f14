#pragma once
// Reads a CNN from an ONNX model (through libonnx, when the build found it).
//
// Operators and how they map onto the network model (tensors NCHW -> H x W x C):
//   Conv                    conv (group, strides, pads per side or auto_pad;
//                           dilations other than 1 are rejected)
//   MaxPool, AveragePool    maxpool / avgpool (pads per side, ceil_mode,
//                           count_include_pad; max pooling never selects padding).
//                           With ceil_mode the last window starts inside the input or
//                           its front padding (PyTorch's and onnxruntime's rule); where
//                           an older libonnx's shape inference disagrees, the import
//                           stops naming the node and both shapes
//   Pad                     zero padding of H and W (mode constant, value 0), folded
//                           into the padding of the Conv / MaxPool / AveragePool that is
//                           its one consumer (before MaxPool only on non-negative data,
//                           before AveragePool its zeros count in the average)
//   GlobalAveragePool,      avgpool / maxpool whose window is the whole input
//   GlobalMaxPool
//   ReduceMean over H, W    avgpool over the whole input (keepdims 0 or 1)
//   Gemm, MatMul            fc; the weight matrix must be an initializer
//   Add                     two tensors of equal shape: add; a tensor plus an
//                           initializer (a bias): folded, no layer
//   Relu                    fused into the layer that produced its input when that
//                           output has no other consumer; otherwise a pass-through:
//                           ReLU is free in the cost model and keeps the shape, so
//                           the task graph is the same either way
//   Clip(0, 6), Sigmoid,    the fused activation relu6 / sigmoid / hardsigmoid /
//   HardSigmoid, HardSwish  hardswish of the producing layer, which must have no
//                           other consumer (refused otherwise); HardSigmoid only
//                           with alpha 1/6, beta 0.5 (PyTorch's); Clip(0, inf) is relu
//   x * Sigmoid(x),         one fused silu / hardswish (the Sigmoid and its Mul
//   x * HardSigmoid(x)      are the only readers of x)
//   Mul(x, gate)            mul: x [1, C, H, W] times a computed per-channel gate
//                           [1, C, 1, 1] (squeeze-and-excitation)
//   BatchNormalization      folded into the preceding conv or fc when it reads its
//                           only use and that has no activation (its scale and
//                           shift merge into the weights and bias at inference);
//                           elsewhere (after a Concat, a pool, the input, an
//                           activated layer) a per-channel affine: a depthwise
//                           1 x 1 conv, 2 weights per channel
//   Concat (axis 1)         concat: a copy layer whose tiles read exactly the
//                           producer tiles holding their channels (layer.hpp);
//                           chosen over producers writing one shared buffer so
//                           every policy counts it like any other layer
//   Split, Slice (axis 1)   slice layers (channels [a, b), a copy), one per used
//                           output; sizes / starts, ends, axes, steps as
//                           attributes (opset < 13 / < 10) or constant inputs;
//                           step 1 only
//   Reshape(N,g,C/g,H,W),   one shuffle layer (a copy: output channel i * g + j
//   Transpose(0,2,1,3,4),   reads input channel j * C/g + i). It takes one channel
//   Reshape(N,C,H,W)        slice, which keeps its tile dependencies exact (its
//                           channels read channels spread over the whole input)
//   Flatten, Reshape to 2-D no layer: fc reads its whole input tensor anyway
//                           (a target computed by a shape subgraph is folded,
//                           pinned as an initializer, and shape inference rerun)
//   Identity, Dropout       pass-through
//   Softmax, LogSoftmax     only as the last operator, on a graph output: left out
//                           (no layer, no cost; it keeps the scores' order), the
//                           network output is the scores before it
//   constants               a node whose inputs are all constants (Constant, Identity
//                           of an initializer, Shape of a known shape, Gather,
//                           Unsqueeze, Concat, Div, Cast, ...) is evaluated at import
//                           time (sched/network/onnx_constant_folding.hpp), no layer
// External tensor data is resolved relative to the model's folder and may not
// leave it (sched/network/onnx_external_data.hpp).
// Layers are named after their nodes (characters other than letters, digits and
// "_-." become '_'). Every layer gets slices [1, 1, 1]; apply auto slicing or
// per-layer slices afterwards.
#include <cstdint>
#include <string>

#include <cnnsched/sched/network/network.hpp>

namespace cnnsched {

struct OnnxImportOptions {
  std::int64_t element_bytes = 1;  // bytes per tensor element in the schedule model
  std::string name;                // network name; default: the file name without ".onnx"
};

// False when the build did not find libonnx; import_onnx then always throws.
bool onnx_import_available();

// Throws InputError(path, "node 'name' (OpType)", ...) for an unsupported
// operator or attribute, InputError(path, "", ...) for a file that is not a
// valid ONNX model.
Network import_onnx(const std::string& path, const OnnxImportOptions& options = {});

}  // namespace cnnsched
