#pragma once
// One CNN layer: what it computes, its geometry, its inferred shapes and how its
// output is sliced into tiles. Tensors are H x W x C.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <cnnsched/sched/network/slicing.hpp>

namespace cnnsched {

// kMul: x (H x W x C) times a per-channel gate (1 x 1 x C), e.g. squeeze-and-excitation.
// kConcat, kSlice and kShuffle are copies: they move channels (no MACs; their
// cost is the read of what they copy and the write of their tile, like every
// task's), so they are layers like any other and every policy counts them the
// same way. See the README (memory model) for why a copy and not a shared buffer.
enum class LayerKind { kConv, kMaxPool, kAvgPool, kFc, kAdd, kMul, kConcat, kSlice, kShuffle };

// Fused activation on a layer's output (int_arithmetic.hpp defines each one in
// integers); free in the cost model.
enum class Activation { kNone, kRelu, kRelu6, kSigmoid, kHardSigmoid, kHardSwish, kSilu };

// The config spelling: "none", "relu", "relu6", "sigmoid", "hardsigmoid", "hardswish", "silu".
const char* activation_name(Activation a);

// The config spelling: "conv", "maxpool", "avgpool", "fc", "add", "mul", "concat", "slice",
// "shuffle".
const char* kind_name(LayerKind kind);

struct Shape {
  std::int64_t h = 0;
  std::int64_t w = 0;
  std::int64_t c = 0;
  std::int64_t elements() const { return h * w * c; }
  std::string to_string() const;  // "28x28x6"
  friend bool operator==(const Shape& a, const Shape& b) { return a.h == b.h && a.w == b.w && a.c == b.c; }
  friend bool operator!=(const Shape& a, const Shape& b) { return !(a == b); }
};

// A (height, width) pair: kernel or pooling window, stride, padding.
struct Pair {
  std::int64_t h = 1;
  std::int64_t w = 1;
};

constexpr int kNetworkInput = -1;  // a layer input that is the network input

struct Layer {
  std::string name;
  LayerKind kind = LayerKind::kConv;
  std::vector<int> inputs;  // producer layer indices (earlier layers) or kNetworkInput
  Pair kernel;              // conv kernel or pooling window (1 x 1 for fc and add)
  Pair stride;
  Pair padding{0, 0};              // rows above (h) and cols left (w) of the input
  Pair padding_end{0, 0};          // rows below (h) and cols right (w); equal to padding unless asymmetric
  bool ceil_mode = false;          // pools: output extent rounded up; the last window may run past the
                                   // padded input (that overhang is never read nor counted)
  bool count_include_pad = false;  // avgpool: divide by the window inside the padded input
                                   // (ONNX count_include_pad = 1), not by its in-bounds part
  std::int64_t groups = 1;         // conv: depthwise when groups == in channels == out channels;
                                   // shuffle: the number of channel groups g
  // concat: the channels of every input, in order (output channels are their
  // concatenation, input i starting at the sum of the ones before it).
  std::vector<std::int64_t> input_channel_counts;
  Range channel_range;                        // slice: the input channels [begin, end) it copies
  Activation activation = Activation::kNone;  // fused activation, free in the cost model
  Slices slices;                              // tiles along output rows, cols, channels
  Shape in;                                   // shape of the (first) input; concat: H x W of every input
  Shape out;                                  // conv: H' x W' x out_channels, fc: 1 x 1 x out_features

  bool is_window() const {
    return kind == LayerKind::kConv || kind == LayerKind::kMaxPool || kind == LayerKind::kAvgPool;
  }
  bool has_weights() const { return kind == LayerKind::kConv || kind == LayerKind::kFc; }
  bool is_copy() const {
    return kind == LayerKind::kConcat || kind == LayerKind::kSlice || kind == LayerKind::kShuffle;
  }
  // Channels of input `input` a tile with output channels `oc` reads: all of
  // them for a dense conv and fc, those of its groups for a grouped conv, its
  // own for pooling, depthwise, add and mul (whose gate holds the same
  // channels); concat: the part of `oc` that input
  // holds, shifted to its own channels (empty when `oc` lies elsewhere);
  // slice: `oc` shifted by channel_range.begin; shuffle: the smallest range
  // holding every shuffled_channel(oc) (exact only for the whole tensor, so a
  // shuffle layer has one channel slice, see Network).
  Range input_channels(Range oc, std::size_t input = 0) const;
  // shuffle: the input channel output channel `oc` copies. Reshape(g, C/g),
  // transpose, flatten: oc = i * g + j reads input channel j * (C / g) + i.
  std::int64_t shuffled_channel(std::int64_t oc) const {
    return (oc % groups) * (in.c / groups) + oc / groups;
  }
  // concat: the first output channel of input `input`.
  std::int64_t input_channel_offset(std::size_t input) const;
  // Weight elements (with one bias per output channel) for output channels `oc`.
  std::int64_t weight_elements(Range oc) const;
  // Multiply-accumulates (or comparisons / additions) per output element.
  std::int64_t macs_per_output() const;
};

}  // namespace cnnsched
