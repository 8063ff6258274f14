#include <stdexcept>
#include <string>

#include <cnnsched/sim/functional/functional_layout.hpp>

namespace cnnsched {

namespace {

void place(FunctionalLayout& out, BufferId tile, const Access& in_plan) {
  TileBuffer& b = out.tiles[static_cast<std::size_t>(tile)];
  if (b.plan_buffer >= 0 && (b.plan_buffer != in_plan.buffer || b.offset != in_plan.offset))
    throw std::invalid_argument("functional mode: tile buffer " + std::to_string(tile) +
                                " sits at two places of the plan's buffers");
  b.plan_buffer = in_plan.buffer;
  b.offset = in_plan.offset;
}

}  // namespace

FunctionalLayout functional_layout(const Network& net, const CnnGraph& cnn, const PolicyPlan& plan) {
  const std::string mismatch = "functional mode: the network does not match the tile graph";
  if (cnn.layer_first_task.size() != net.layers.size() + 1 ||
      cnn.weight_buffers.size() != net.layers.size() || plan.work.num_tasks() != cnn.work.num_tasks())
    throw std::invalid_argument(mismatch);
  FunctionalLayout out;
  out.tiles.resize(static_cast<std::size_t>(cnn.buffers.num_buffers()));

  // Network-input tiles, in (row, col, channel) order like the graph's.
  const auto rows = slice_bounds(net.input_shape.h, net.input_slices.rows);
  const auto cols = slice_bounds(net.input_shape.w, net.input_slices.cols);
  const auto chans = slice_bounds(net.input_shape.c, net.input_slices.channels);
  if (cnn.input_buffers.size() != static_cast<std::size_t>(net.input_slices.count()))
    throw std::invalid_argument(mismatch);
  std::size_t i = 0;
  for (int r = 0; r < net.input_slices.rows; ++r)
    for (int c = 0; c < net.input_slices.cols; ++c)
      for (int k = 0; k < net.input_slices.channels; ++k) {
        TileBuffer& b = out.tiles[static_cast<std::size_t>(cnn.input_buffers[i++])];
        b.kind = TileBuffer::Kind::kInput;
        b.region = {slice_range(rows, r), slice_range(cols, c), slice_range(chans, k)};
      }

  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const Layer& layer = net.layers[l];
    if (layer.has_weights() != (cnn.weight_buffers[l] >= 0)) throw std::invalid_argument(mismatch);
    if (!layer.has_weights()) continue;
    const auto oc = slice_bounds(layer.out.c, layer.slices.channels);
    for (int k = 0; k < layer.slices.channels; ++k) {
      TileBuffer& b = out.tiles[static_cast<std::size_t>(cnn.weight_buffers[l] + k)];
      b.kind = TileBuffer::Kind::kWeights;
      b.layer = static_cast<int>(l);
      b.region.channels = slice_range(oc, k);
    }
  }
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    const TileInfo& tile = cnn.tiles[static_cast<std::size_t>(t)];
    TileBuffer& b = out.tiles[static_cast<std::size_t>(cnn.output_buffer[static_cast<std::size_t>(t)])];
    b.kind = TileBuffer::Kind::kOutput;
    b.layer = tile.layer;
    b.task = t;
    b.region = {tile.rows, tile.cols, tile.channels};
  }

  // Placement: the i-th access of a task in the plan is the i-th in the tile graph.
  for (TaskId t = 0; t < cnn.work.num_tasks(); ++t) {
    const auto tile_reads = cnn.work.reads(t);
    const auto plan_reads = plan.work.reads(t);
    if (tile_reads.size() != plan_reads.size()) throw std::invalid_argument(mismatch);
    for (std::size_t r = 0; r < tile_reads.size(); ++r) {
      if (tile_reads.begin()[r].offset != 0) throw std::invalid_argument(mismatch);
      place(out, tile_reads.begin()[r].buffer, plan_reads.begin()[r]);
    }
    place(out, cnn.work.write(t).buffer, plan.work.write(t));
  }
  out.members.resize(static_cast<std::size_t>(plan.buffers.num_buffers()));
  for (BufferId b = 0; b < cnn.buffers.num_buffers(); ++b) {
    const TileBuffer& tb = out.tiles[static_cast<std::size_t>(b)];
    if (tb.plan_buffer >= 0) out.members[static_cast<std::size_t>(tb.plan_buffer)].push_back(b);
  }
  return out;
}

}  // namespace cnnsched
