#include <utility>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/graph/graph_memory.hpp>
#include <cnnsched/sched/network/tensor_region.hpp>

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

// Calls f(tile index, overlapping elements) for every tile of `t` that overlaps r.
template <typename F>
void for_each_overlap(const Tiling& t, const TensorRegion& r, F&& f) {
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

// Graph size caps: a slicing beyond them would exhaust memory (about 70 bytes
// per dependency), so it is refused with a clear message before anything is built.
constexpr std::int64_t kMaxTasks = std::int64_t{1} << 25;
constexpr std::int64_t kMaxEdges = std::int64_t{1} << 27;

// Builds the tile graph in named steps: size check, input tiles, then per layer
// its weight slices, its output tiles and its tasks.
class CnnGraphBuilder {
 public:
  CnnGraphBuilder(const Network& net, const Platform& platform)
      : net_(net), platform_(platform), input_tiling_(net.input_shape, net.input_slices) {
    tilings_.reserve(net.layers.size());
    for (const Layer& l : net.layers) tilings_.emplace_back(l.out, l.slices);
  }

  // Counts the graph and refuses one beyond the caps or the memory it may take.
  std::pair<std::int64_t, std::int64_t> check_size() const {
    const auto counts = count_within_caps();
    check_graph_memory(counts.first, counts.second, net_.source, "layers");
    return counts;
  }

  CnnGraph build() {
    const auto [num_tasks, num_edges] = check_size();
    g_.graph = TaskGraph(platform_.pe_names(), platform_.pe_classes());
    g_.graph.reserve(static_cast<std::size_t>(num_tasks), static_cast<std::size_t>(num_edges));
    g_.tiles.reserve(static_cast<std::size_t>(num_tasks));
    g_.output_buffer.reserve(static_cast<std::size_t>(num_tasks));
    add_input_tiles();
    pick_representatives();
    const auto consumers = net_.consumers();
    for (std::size_t l = 0; l < net_.layers.size(); ++l) {
      g_.layer_first_task.push_back(static_cast<TaskId>(g_.output_buffer.size()));
      add_weight_buffers(l);
      add_output_buffers(l, consumers[l].empty());
      for_each_tile(static_cast<int>(l), tilings_[l], [&](const TileInfo& tile) { add_task(l, tile); });
    }
    g_.layer_first_task.push_back(static_cast<TaskId>(g_.tiles.size()));
    g_.graph.finalize();
    g_.buffers.finalize(g_.graph.num_tasks());
    return std::move(g_);
  }

 private:
  const Tiling& tiling_of(int producer) const {
    return producer == kNetworkInput ? input_tiling_ : tilings_[static_cast<std::size_t>(producer)];
  }

  Bytes tile_bytes(const TileInfo& tile) const {
    return tile.rows.size() * tile.cols.size() * tile.channels.size() * net_.element_bytes;
  }

  // Counts tasks and edges first: to reserve, and to refuse a slicing beyond the caps.
  std::pair<std::int64_t, std::int64_t> count_within_caps() const {
    std::int64_t num_tasks = 0, num_edges = 0;
    for (std::size_t l = 0; l < net_.layers.size(); ++l) {
      const Layer& layer = net_.layers[l];
      const std::string field = "layers[" + std::to_string(l) + "].slices";
      num_tasks += layer.slices.count();
      if (num_tasks > kMaxTasks)
        throw InputError(
            net_.source, field,
            "the slicing yields more than " + std::to_string(kMaxTasks) + " tasks; use fewer slices");
      for_each_tile(static_cast<int>(l), tilings_[l], [&](const TileInfo& tile) {
        for (std::size_t i = 0; i < layer.inputs.size(); ++i)
          if (layer.inputs[i] != kNetworkInput)
            for_each_overlap(tiling_of(layer.inputs[i]),
                             needed_input_region(layer, {tile.rows, tile.cols, tile.channels}, i),
                             [&](std::int64_t, std::int64_t) { ++num_edges; });
      });
      if (num_edges > kMaxEdges)
        throw InputError(
            net_.source, field,
            "the slicing yields more than " + std::to_string(kMaxEdges) +
                " tile dependencies up to this layer; use fewer slices (a tile depends on every "
                "producer tile it reads, so fine slicing of both rows/cols and channels multiplies)");
    }
    return {num_tasks, num_edges};
  }

  void add_input_tiles() {
    g_.layer_grouping.names.push_back("input");
    for_each_tile(kNetworkInput, input_tiling_, [&](const TileInfo& tile) {
      const Bytes bytes = tile_bytes(tile);
      g_.input_buffers.push_back(
          g_.buffers.add_buffer("input" + coords(tile.row_slice, tile.col_slice, tile.channel_slice), bytes));
      g_.layer_grouping.group_of.push_back(0);
      g_.input_bytes_total += bytes;
    });
  }

  // Costs: one per PE class, from a representative PE of the class.
  void pick_representatives() {
    representative_.assign(static_cast<std::size_t>(g_.graph.num_classes()), nullptr);
    const auto classes = platform_.pe_classes();
    for (std::size_t p = 0; p < classes.size(); ++p)
      if (!representative_[static_cast<std::size_t>(classes[p])])
        representative_[static_cast<std::size_t>(classes[p])] = &platform_.pes[p];
    costs_.resize(representative_.size());
  }

  // Weight slices, one per output-channel slice.
  void add_weight_buffers(std::size_t l) {
    const Layer& layer = net_.layers[l];
    g_.weight_buffers.push_back(-1);
    if (!layer.has_weights()) return;
    const int group = static_cast<int>(g_.layer_grouping.names.size());
    g_.layer_grouping.names.push_back(layer.name + ".weights");
    const Tiling& tiling = tilings_[l];
    for (int k = 0; k < tiling.slices.channels; ++k) {
      const Bytes bytes = layer.weight_elements(slice_range(tiling.channels, k)) * net_.element_bytes;
      const BufferId b = g_.buffers.add_buffer(layer.name + ".weights[k" + std::to_string(k) + "]", bytes);
      if (k == 0) g_.weight_buffers.back() = b;
      g_.layer_grouping.group_of.push_back(group);
      g_.weight_bytes_total += bytes;
    }
  }

  // Output tiles: the tasks' buffers, kept to the end when no layer reads them.
  void add_output_buffers(std::size_t l, bool is_output) {
    const Layer& layer = net_.layers[l];
    const int out_group = static_cast<int>(g_.layer_grouping.names.size());
    g_.layer_grouping.names.push_back(layer.name + ".out");
    for_each_tile(static_cast<int>(l), tilings_[l], [&](const TileInfo& tile) {
      const std::string name = layer.name + coords(tile.row_slice, tile.col_slice, tile.channel_slice);
      g_.output_buffer.push_back(g_.buffers.add_buffer(name, tile_bytes(tile), is_output));
      g_.layer_grouping.group_of.push_back(out_group);
    });
  }

  // Reads of every producer or input tile the task's region overlaps.
  void add_input_reads(const Layer& layer, const TileInfo& tile, TaskId t) {
    for (std::size_t i = 0; i < layer.inputs.size(); ++i) {
      const int producer = layer.inputs[i];
      const TensorRegion region = needed_input_region(layer, {tile.rows, tile.cols, tile.channels}, i);
      const bool from_input = producer == kNetworkInput;
      const TaskId base = from_input ? 0 : g_.layer_first_task[static_cast<std::size_t>(producer)];
      for_each_overlap(tiling_of(producer), region, [&](std::int64_t index, std::int64_t elements) {
        const Bytes bytes = elements * net_.element_bytes;
        const TaskId from = base + static_cast<TaskId>(index);
        const BufferId b = from_input ? g_.input_buffers[static_cast<std::size_t>(index)]
                                      : g_.output_buffer[static_cast<std::size_t>(from)];
        reads_.push_back({b, 0, bytes});
        g_.buffers.add_use(t, b);
        if (!from_input) edges_.emplace_back(from, bytes);
      });
    }
  }

  // One task: its input reads, its weight slice, its write, its costs and edges.
  void add_task(std::size_t l, const TileInfo& tile) {
    const Layer& layer = net_.layers[l];
    const TaskId t = static_cast<TaskId>(g_.tiles.size());
    reads_.clear();
    edges_.clear();
    add_input_reads(layer, tile, t);
    if (layer.has_weights()) {
      const BufferId w = g_.weight_buffers.back() + tile.channel_slice;
      reads_.push_back({w, 0, g_.buffers.buffer(w).bytes});
      g_.buffers.add_use(t, w);
    }
    const BufferId out = g_.output_buffer[static_cast<std::size_t>(t)];
    g_.buffers.add_use(t, out);
    const std::int64_t macs =
        tile.rows.size() * tile.cols.size() * tile.channels.size() * layer.macs_per_output();
    g_.work.add_task(macs, reads_, {out, 0, g_.buffers.buffer(out).bytes});
    g_.macs_total += macs;
    g_.tiles.push_back(tile);
    for (std::size_t c = 0; c < representative_.size(); ++c)
      costs_[c] = g_.work.cost(t, *representative_[c], platform_);
    g_.graph.add_task(g_.buffers.buffer(out).name, static_cast<int>(l), costs_);
    for (const auto& [from, bytes] : edges_) g_.graph.add_edge(from, t, 0, bytes);
  }

  const Network& net_;
  const Platform& platform_;
  const Tiling input_tiling_;
  std::vector<Tiling> tilings_;
  std::vector<const PeSpec*> representative_;
  std::vector<Time> costs_;
  std::vector<Access> reads_;
  std::vector<std::pair<TaskId, Bytes>> edges_;  // of the current task
  CnnGraph g_;
};

}  // namespace

CnnGraph build_cnn_graph(const Network& net, const Platform& platform) {
  CnnGraph cnn = CnnGraphBuilder(net, platform).build();
  cnn.element_bytes = net.element_bytes;
  return cnn;
}

void check_cnn_graph_size(const Network& net, const Platform& platform) {
  CnnGraphBuilder(net, platform).check_size();
}

}  // namespace cnnsched
