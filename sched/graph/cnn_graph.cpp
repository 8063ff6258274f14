#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>

namespace cnnsched {

namespace {

// How one tensor (a layer output or the network input) is cut into tiles.
struct Tiling {
  Slices slices;
  std::vector<std::int64_t> rows, cols, channels;  // slice boundaries
  Tiling(const Shape& shape, const Slices& s)
      : slices(s),
        rows(slice_bounds(shape.h, s.rows)),
        cols(slice_bounds(shape.w, s.cols)),
        channels(slice_bounds(shape.c, s.channels)) {}
  std::int64_t index(int r, int c, int k) const {
    return (std::int64_t{r} * slices.cols + c) * slices.channels + k;
  }
};

struct Region {
  Range rows, cols, channels;
};

// The part of its input(s) an output tile reads (the same region of each input).
Region read_region(const Layer& layer, const TileInfo& tile) {
  switch (layer.kind) {
    case LayerKind::kConv:
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
      return {window_input_range(tile.rows, layer.kernel.h, layer.stride.h, layer.padding.h, layer.in.h),
              window_input_range(tile.cols, layer.kernel.w, layer.stride.w, layer.padding.w, layer.in.w),
              layer.input_channels(tile.channels)};
    case LayerKind::kFc:
      return {{0, layer.in.h}, {0, layer.in.w}, {0, layer.in.c}};
    case LayerKind::kAdd:
      break;
  }
  return {tile.rows, tile.cols, tile.channels};
}

// Calls f(tile index, overlapping elements) for every tile of `t` that overlaps r.
template <typename F>
void for_each_overlap(const Tiling& t, const Region& r, F&& f) {
  const SliceSpan sr = slices_overlapping(t.rows, r.rows);
  const SliceSpan sc = slices_overlapping(t.cols, r.cols);
  const SliceSpan sk = slices_overlapping(t.channels, r.channels);
  for (int i = sr.first; i < sr.last; ++i) {
    const std::int64_t h = intersect(r.rows, slice_range(t.rows, i)).size();
    for (int j = sc.first; j < sc.last; ++j) {
      const std::int64_t hw = h * intersect(r.cols, slice_range(t.cols, j)).size();
      for (int k = sk.first; k < sk.last; ++k)
        f(t.index(i, j, k), hw * intersect(r.channels, slice_range(t.channels, k)).size());
    }
  }
}

std::string coords(int r, int c, int k) {
  return "[r" + std::to_string(r) + ",c" + std::to_string(c) + ",k" + std::to_string(k) + "]";
}

// Visits the tiles of one layer in task order.
template <typename F>
void for_each_tile(int layer_index, const Tiling& t, F&& f) {
  TileInfo tile;
  tile.layer = layer_index;
  for (int r = 0; r < t.slices.rows; ++r)
    for (int c = 0; c < t.slices.cols; ++c)
      for (int k = 0; k < t.slices.channels; ++k) {
        tile.row_slice = r;
        tile.col_slice = c;
        tile.channel_slice = k;
        tile.rows = slice_range(t.rows, r);
        tile.cols = slice_range(t.cols, c);
        tile.channels = slice_range(t.channels, k);
        f(tile);
      }
}

}  // namespace

CnnGraph build_cnn_graph(const Network& net, const Platform& platform) {
  const std::size_t num_layers = net.layers.size();
  const Tiling input_tiling(net.input_shape, net.input_slices);
  std::vector<Tiling> tilings;
  tilings.reserve(num_layers);
  for (const Layer& l : net.layers) tilings.emplace_back(l.out, l.slices);
  const auto tiling_of = [&](int producer) -> const Tiling& {
    return producer == kNetworkInput ? input_tiling : tilings[static_cast<std::size_t>(producer)];
  };

  // Count tasks and edges first: to reserve, and to refuse a slicing whose graph
  // would exhaust memory (about 70 bytes per dependency) with a clear message.
  constexpr std::int64_t kMaxTasks = std::int64_t{1} << 25;
  constexpr std::int64_t kMaxEdges = std::int64_t{1} << 27;
  std::int64_t num_tasks = 0;
  std::int64_t num_edges = 0;
  for (std::size_t l = 0; l < num_layers; ++l) {
    const Layer& layer = net.layers[l];
    const std::string field = "layers[" + std::to_string(l) + "].slices";
    num_tasks += layer.slices.count();
    if (num_tasks > kMaxTasks)
      throw InputError(
          net.source, field,
          "the slicing yields more than " + std::to_string(kMaxTasks) + " tasks; use fewer slices");
    for_each_tile(static_cast<int>(l), tilings[l], [&](const TileInfo& tile) {
      const Region region = read_region(layer, tile);
      for (int producer : layer.inputs)
        if (producer != kNetworkInput)
          for_each_overlap(tiling_of(producer), region, [&](std::int64_t, std::int64_t) { ++num_edges; });
    });
    if (num_edges > kMaxEdges)
      throw InputError(
          net.source, field,
          "the slicing yields more than " + std::to_string(kMaxEdges) +
              " tile dependencies up to this layer; use fewer slices (a tile depends on every "
              "producer tile it reads, so fine slicing of both rows/cols and channels multiplies)");
  }

  CnnGraph g;
  g.graph = TaskGraph(platform.pe_names(), platform.pe_classes());
  g.graph.reserve(static_cast<std::size_t>(num_tasks), static_cast<std::size_t>(num_edges));
  g.tiles.reserve(static_cast<std::size_t>(num_tasks));
  g.output_buffer.reserve(static_cast<std::size_t>(num_tasks));
  const auto consumers = net.consumers();
  const Bytes eb = net.element_bytes;

  // Network-input tiles.
  g.layer_grouping.names.push_back("input");
  for_each_tile(kNetworkInput, input_tiling, [&](const TileInfo& tile) {
    const Bytes bytes = tile.rows.size() * tile.cols.size() * tile.channels.size() * eb;
    g.input_buffers.push_back(
        g.buffers.add_buffer("input" + coords(tile.row_slice, tile.col_slice, tile.channel_slice), bytes));
    g.layer_grouping.group_of.push_back(0);
    g.input_bytes_total += bytes;
  });

  // Costs: one per PE class, from a representative PE of the class.
  std::vector<const PeSpec*> representative(static_cast<std::size_t>(g.graph.num_classes()), nullptr);
  const auto classes = platform.pe_classes();
  for (std::size_t p = 0; p < classes.size(); ++p)
    if (!representative[static_cast<std::size_t>(classes[p])])
      representative[static_cast<std::size_t>(classes[p])] = &platform.pes[p];
  std::vector<Time> costs(representative.size());

  std::vector<Access> reads;
  std::vector<std::pair<TaskId, Bytes>> edges;  // of the current task
  for (std::size_t l = 0; l < num_layers; ++l) {
    const Layer& layer = net.layers[l];
    const Tiling& tiling = tilings[l];
    const TaskId first = static_cast<TaskId>(g.output_buffer.size());
    g.layer_first_task.push_back(first);

    // Weight slices, one per output-channel slice.
    g.weight_buffers.push_back(-1);
    if (layer.has_weights()) {
      const int group = static_cast<int>(g.layer_grouping.names.size());
      g.layer_grouping.names.push_back(layer.name + ".weights");
      for (int k = 0; k < tiling.slices.channels; ++k) {
        const Bytes bytes = layer.weight_elements(slice_range(tiling.channels, k)) * eb;
        const BufferId b = g.buffers.add_buffer(layer.name + ".weights[k" + std::to_string(k) + "]", bytes);
        if (k == 0) g.weight_buffers.back() = b;
        g.layer_grouping.group_of.push_back(group);
        g.weight_bytes_total += bytes;
      }
    }

    // Output tiles: the tasks' buffers, kept to the end when no layer reads them.
    const int out_group = static_cast<int>(g.layer_grouping.names.size());
    g.layer_grouping.names.push_back(layer.name + ".out");
    const bool is_output = consumers[l].empty();
    for_each_tile(static_cast<int>(l), tiling, [&](const TileInfo& tile) {
      const Bytes bytes = tile.rows.size() * tile.cols.size() * tile.channels.size() * eb;
      const std::string name = layer.name + coords(tile.row_slice, tile.col_slice, tile.channel_slice);
      g.output_buffer.push_back(g.buffers.add_buffer(name, bytes, is_output));
      g.layer_grouping.group_of.push_back(out_group);
    });

    // The tasks: reads of every overlapping producer or input tile, the weights, the write.
    for_each_tile(static_cast<int>(l), tiling, [&](const TileInfo& tile) {
      const TaskId t = static_cast<TaskId>(g.tiles.size());
      reads.clear();
      edges.clear();
      const Region region = read_region(layer, tile);
      for (int producer : layer.inputs) {
        const bool from_input = producer == kNetworkInput;
        const TaskId base = from_input ? 0 : g.layer_first_task[static_cast<std::size_t>(producer)];
        for_each_overlap(tiling_of(producer), region, [&](std::int64_t index, std::int64_t elements) {
          const Bytes bytes = elements * eb;
          const TaskId from = base + static_cast<TaskId>(index);
          const BufferId b = from_input ? g.input_buffers[static_cast<std::size_t>(index)]
                                        : g.output_buffer[static_cast<std::size_t>(from)];
          reads.push_back({b, 0, bytes});
          g.buffers.add_use(t, b);
          if (!from_input) edges.emplace_back(from, bytes);
        });
      }
      if (layer.has_weights()) {
        const BufferId w = g.weight_buffers.back() + tile.channel_slice;
        reads.push_back({w, 0, g.buffers.buffer(w).bytes});
        g.buffers.add_use(t, w);
      }
      const BufferId out = g.output_buffer[static_cast<std::size_t>(t)];
      g.buffers.add_use(t, out);
      const std::int64_t macs =
          tile.rows.size() * tile.cols.size() * tile.channels.size() * layer.macs_per_output();
      g.work.add_task(macs, reads, {out, 0, g.buffers.buffer(out).bytes});
      g.macs_total += macs;
      g.tiles.push_back(tile);
      for (std::size_t c = 0; c < representative.size(); ++c)
        costs[c] = g.work.cost(t, *representative[c], platform);
      g.graph.add_task(g.buffers.buffer(out).name, static_cast<int>(l), costs);
      for (const auto& [from, bytes] : edges) g.graph.add_edge(from, t, 0, bytes);
    });
  }
  g.layer_first_task.push_back(static_cast<TaskId>(g.tiles.size()));

  g.graph.finalize();
  g.buffers.finalize(g.graph.num_tasks());
  return g;
}

}  // namespace cnnsched
