#pragma once
// A CNN as a DAG of layers, read from JSON.
//
// Network config (configs/networks/*.json):
//
//   {
//     "name": "lenet5-c1s2c3",          // optional, default: "network"
//     "element_bytes": 1,               // optional, bytes per tensor element, default 1
//     "input": {"shape": [32, 32, 1],   // H, W, C
//               "slices": [2, 2, 1]},   // optional input tiles [rows, cols, channels]
//     "layers": [
//       {"name": "C1", "kind": "conv", "kernel": [5, 5], "out_channels": 6,
//        "stride": [1, 1], "padding": [0, 0], "groups": 1, "relu": true, "slices": [4, 1, 1]},
//       {"name": "S2", "kind": "maxpool", "window": [2, 2], "stride": [2, 2], "slices": [2, 2, 1]},
//       {"name": "F6", "kind": "fc", "out_features": 84},
//       {"name": "R1", "kind": "add", "inputs": ["C3", "S2"]}
//     ]
//   }
//
// Layer fields:
//   name      required, unique, letters/digits/_-. only; "input" names the network input
//   kind      conv | maxpool | avgpool | fc | add | mul | concat | slice | shuffle
//   inputs    a name or a list of names of EARLIER layers or "input"; default: the
//             previous layer (the network input for the first). conv, pools and fc
//             take one input, add takes two different inputs of equal shape, mul
//             takes [x, gate]: x (H x W x C) times the gate (1 x 1 x C), one factor
//             per channel (squeeze-and-excitation; integer definition in
//             functional/int_arithmetic.hpp), concat two or more different inputs
//             of equal height and width.
//   conv:     kernel, out_channels (required); stride [1,1], padding [0,0], groups 1.
//             groups must divide the input and output channels; depthwise is
//             groups == in channels == out channels.
//   maxpool / avgpool: window (required); stride (default = window), padding [0,0];
//             ceil_mode false (true: the output extent rounds up, the last window may
//             run past the padded input; it starts inside the input or its front
//             padding); avgpool count_include_pad false (true: divide by the window's
//             part inside the padded input, not by its in-bounds part). Max pooling
//             never selects padding.
//   fc:       out_features (required); reads the whole input, output 1 x 1 x out_features.
//   concat:   the inputs' channels one after the other (a copy, no MACs).
//   slice:    channels [begin, end) (required): a copy of those input channels.
//   shuffle:  groups g (required, divides the channels): output channel i * g + j is
//             input channel j * (C / g) + i (ShuffleNet's channel shuffle, a copy). Its
//             slices must be [rows, cols, 1]: one channel slice keeps its tile
//             dependencies exact.
//   activation optional fused activation on the output: none (default) | relu | relu6 |
//             sigmoid | hardsigmoid | hardswish | silu (integer definitions in
//             functional/int_arithmetic.hpp; free in the cost model, no tile-graph or
//             memory change). "relu": true is the older spelling of "activation": "relu".
//   slices    [rows, cols, channels] tiles along the OUTPUT, default [1, 1, 1]. n items
//             in k slices give the first n % k slices one extra (28 in 3: 10, 9, 9);
//             k may not exceed n (no empty tiles).
// kernel / window / stride / padding are [h, w] or one integer for both; padding may
// also be [top, left, bottom, right]. Each padding is smaller than the kernel; the
// kernel must fit the padded input.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <cnnsched/sched/network/layer.hpp>
#include <cnnsched/sched/network/slicing.hpp>

namespace cnnsched {

struct Network {
  std::string name;
  std::string source;  // the file (or "<json>") it came from, for error messages
  std::int64_t element_bytes = 1;
  Shape input_shape;
  Slices input_slices;
  std::vector<Layer> layers;  // in file order, which is a topological order

  // Layer index by name, or -1.
  int find(const std::string& layer) const;
  // Consumers of every layer (layer indices, in increasing order).
  std::vector<std::vector<int>> consumers() const;
  std::int64_t tensor_bytes(const Shape& s) const { return s.elements() * element_bytes; }

  // Re-slices one layer (or the network input, named "input") after loading, as
  // experiments sweep a layer's tiling. Throws InputError(source, "<layer>.slices")
  // when the layer is unknown or the slicing leaves empty tiles; `source` names
  // the option the slicing came from (default: the network file).
  void set_slices(const std::string& layer, Slices slices, const std::string& source = "");
};

// Reads a network config; throws InputError naming file and field.
Network load_network(const std::string& path);
Network parse_network(const nlohmann::json& config, const std::string& source);

// Checks that `slices` cut `shape` into non-empty tiles; throws InputError(source, field).
// check_layer_slices adds what the layer kind needs (shuffle: one channel slice).
void check_slices(const Slices& slices, const Shape& shape, const std::string& source,
                  const std::string& field);
void check_layer_slices(const Layer& layer, const std::string& source, const std::string& field);
void check_layer_slices(const Layer& layer, const std::string& source, const std::string& field,
                        const Slices& slices);

}  // namespace cnnsched
