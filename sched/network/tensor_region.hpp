#pragma once
// A box of a tensor (rows x cols x channels) and the part of each input an
// output tile of a layer reads: the one rule the tile graph's dependencies
// and the functional tile kernels both follow.
#include <cstdint>

#include <cnnsched/sched/network/layer.hpp>

namespace cnnsched {

struct TensorRegion {
  Range rows, cols, channels;
  std::int64_t elements() const { return rows.size() * cols.size() * channels.size(); }
  friend bool operator==(const TensorRegion& a, const TensorRegion& b) {
    return a.rows == b.rows && a.cols == b.cols && a.channels == b.channels;
  }
};

inline TensorRegion intersect(const TensorRegion& a, const TensorRegion& b) {
  return {intersect(a.rows, b.rows), intersect(a.cols, b.cols), intersect(a.channels, b.channels)};
}

// The region of input `input` an output tile `out` of `layer` needs (in-bounds
// only: padding is not stored); the same for every input but for the copies
// (concat, slice, shuffle), whose channels Layer::input_channels maps per input.
TensorRegion needed_input_region(const Layer& layer, const TensorRegion& out, std::size_t input = 0);

}  // namespace cnnsched
