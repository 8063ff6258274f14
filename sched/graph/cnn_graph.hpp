#pragma once
// The tile task graph of a network: one task per output tile of every layer, a
// dependency exactly where a tile reads part of another tile's output, and the
// buffers and scratchpad accesses of every task.
//
// Task ids run layer by layer (file order), inside a layer by row slice, then
// col slice, then channel slice; task t is named "<layer>[r<i>,c<j>,k<m>]".
// Buffers: network-input tiles first ("input[r0,c0,k0]"), then per layer its
// weight slices ("C1.weights[k0]", one per output-channel slice, conv and fc
// only) and its output tiles (named like the task that writes them).
// Concat, slice and shuffle layers are copies: their tasks read the parts of
// the producer tiles holding their channels (Layer::input_channels, per input)
// and have no MACs, so a copy costs its reads and its write like any task.
#include <cstdint>
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/network/slicing.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched {

// Where a task's output tile lies in its layer's output tensor.
struct TileInfo {
  int layer = 0;
  int row_slice = 0;
  int col_slice = 0;
  int channel_slice = 0;
  Range rows;
  Range cols;
  Range channels;
};

struct CnnGraph {
  TaskGraph graph;     // processors = platform PEs, one cost per PE class, edge comm_cost 0
  TaskWork work;       // per task: reads of producer tiles, input tiles and weights; its write
  BufferPlan buffers;  // tile-level buffers
  BufferPlan::Grouping layer_grouping;   // "input", "<layer>.out", "<layer>.weights"
  std::vector<TileInfo> tiles;           // per task
  std::vector<TaskId> layer_first_task;  // layer l owns tasks [l], [l + 1); one entry past the end
  std::vector<BufferId> output_buffer;   // per task: the buffer it writes
  std::vector<BufferId> input_buffers;   // per network-input tile, in (row, col, channel) order
  std::vector<BufferId> weight_buffers;  // per layer: its first weight slice, or -1 without weights
  Bytes input_bytes_total = 0;
  Bytes weight_bytes_total = 0;
  std::int64_t macs_total = 0;
  std::int64_t element_bytes = 1;  // the network's bytes per element (its MACs' width)
};

// Throws InputError(network.source, "layers[i].slices", ...) when the slicing
// yields more than 2^25 tasks or 2^27 dependencies (the graph would not fit in
// memory); builds VGG-16 with 0.6 M tasks and 13 M dependencies in seconds.
CnnGraph build_cnn_graph(const Network& network, const Platform& platform);

// The size checks build_cnn_graph makes first (task and dependency caps, the
// memory estimate of sched/graph/graph_memory.hpp) without building: so a
// study can refuse a network before it writes its first file.
void check_cnn_graph_size(const Network& network, const Platform& platform);

}  // namespace cnnsched
