#pragma once
// Slicing a whole network from one target instead of layer by layer, so large
// networks (or imported ones, which come unsliced) can be tiled in one option.
//
//   "tile-bytes:N"  every output tile (and network-input tile) holds about N bytes:
//                   square spatial tiles first, channel slices only once a tile is
//                   a single pixel and still larger than N.
//   "spatial:K"     K x K spatial tiles on every tensor, channels unsliced; K is
//                   clamped to the tensor's height and width (fc outputs stay 1 x 1).
// A slice count never exceeds its dimension, so no tile is empty. A shuffle layer
// keeps one channel slice (check_layer_slices).
#include <cstdint>
#include <string>

#include <cnnsched/sched/network/layer.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/network/slicing.hpp>

namespace cnnsched {

struct AutoSlicing {
  enum class Mode { kTileBytes, kSpatial };
  Mode mode = Mode::kSpatial;
  std::int64_t value = 1;  // bytes per tile, or K
  std::string source;      // the option it came from, for error messages
};

// Parses "tile-bytes:N" or "spatial:K" (N, K >= 1). Throws InputError(source, "", ...)
// naming the allowed forms.
AutoSlicing parse_auto_slicing(const std::string& spec, const std::string& source);

// The slicing `rule` picks for a tensor of `shape` with `element_bytes` per element.
Slices auto_slices(const Shape& shape, std::int64_t element_bytes, const AutoSlicing& rule);

// Re-slices the network input and every layer.
void apply_auto_slicing(Network& network, const AutoSlicing& rule);

}  // namespace cnnsched
