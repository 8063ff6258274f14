#pragma once
// What a PE computes for one output tile in functional mode, in plain C++:
// the tile's input regions arrive as dense blocks, its weight slice as a
// vector, and the tile comes out in HWC order, with the arithmetic of
// sched/int_arithmetic.hpp.
//
// Layouts (the same in every scratchpad buffer):
//   a tile or block: its region of the H x W x C tensor in HWC order,
//     element (h, w, c) at ((h - h0) * W_region + (w - w0)) * C_region + (c - c0);
//   a weight slice for output channels [oc0, oc1): per output channel its
//     weights [kh][kw][ic of its group] (fc: [h][w][c] of the whole input),
//     then one bias per output channel. It is the range [oc0 * n, oc1 * n) of
//     the layer's full [oc][...] layout (n weights per channel) + those biases.
#include <cstdint>
#include <vector>

#include <cnnsched/sched/functional/int_arithmetic.hpp>
#include <cnnsched/sched/network/layer.hpp>
#include <cnnsched/sched/network/tensor_region.hpp>

namespace cnnsched {

// A region of a tensor held densely, HWC.
struct Block {
  TensorRegion region;
  std::vector<std::int64_t> values;
  explicit Block(const TensorRegion& r = {}) : region(r), values(static_cast<std::size_t>(r.elements()), 0) {}
  std::size_t index(std::int64_t h, std::int64_t w, std::int64_t c) const {
    return static_cast<std::size_t>(((h - region.rows.begin) * region.cols.size() + (w - region.cols.begin)) *
                                        region.channels.size() +
                                    (c - region.channels.begin));
  }
  std::int64_t at(std::int64_t h, std::int64_t w, std::int64_t c) const { return values[index(h, w, c)]; }
};

// Weights of output channels `oc` of layer `layer_index` in the slice layout.
std::vector<std::int64_t> generate_weight_slice(const Layer& layer, int layer_index, Range oc,
                                                const IntFormat& f, std::uint64_t seed);

// The output tile `out`, HWC. `inputs` holds one block per layer input (in
// layer.inputs order) covering its needed_input_region(); `weights` the slice of
// out.channels (empty for layers without weights). Throws
// std::invalid_argument when a block or the slice does not fit.
std::vector<std::int64_t> compute_tile(const Layer& layer, const IntFormat& f, const TensorRegion& out,
                                       const std::vector<Block>& inputs,
                                       const std::vector<std::int64_t>& weights);

// The HWC-contiguous runs of `part` inside a buffer holding `tile` (part must
// lie inside tile): f(first element index in the tile's layout, element count)
// in increasing order. Whole rows (or the whole part) merge into one run when
// they are contiguous in the tile.
template <typename F>
void for_each_hwc_run(const TensorRegion& tile, const TensorRegion& part, F&& f) {
  if (part.elements() == 0) return;
  const std::int64_t tw = tile.cols.size();
  const std::int64_t tc = tile.channels.size();
  const bool full_c = part.channels == tile.channels;
  const bool full_wc = full_c && part.cols == tile.cols;
  auto first = [&](std::int64_t h, std::int64_t w) {
    return ((h - tile.rows.begin) * tw + (w - tile.cols.begin)) * tc +
           (part.channels.begin - tile.channels.begin);
  };
  if (full_wc) {
    f(first(part.rows.begin, part.cols.begin), part.elements());
    return;
  }
  for (std::int64_t h = part.rows.begin; h < part.rows.end; ++h) {
    if (full_c) {
      f(first(h, part.cols.begin), part.cols.size() * tc);
      continue;
    }
    for (std::int64_t w = part.cols.begin; w < part.cols.end; ++w) f(first(h, w), part.channels.size());
  }
}

}  // namespace cnnsched
