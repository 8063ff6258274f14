#pragma once
// Large layered CNN-like task graphs for benchmarks and property tests: layers of
// tiles, each tile reading a window of tiles of the previous layer (and, with
// residual_every, the same tile two layers back), with the tile-graph buffers of
// sched/buffer_plan.hpp: one per input tile, one per output tile, one weight
// buffer per layer. Deterministic for a given spec.
#include <cstdint>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched {

struct SyntheticDagSpec {
  int layers = 8;
  int width = 16;  // tiles per layer
  int radius = 1;  // tile i reads tiles i-radius .. i+radius of the layer before
  int processors = 4;
  int residual_every = 0;      // > 0: every such layer also reads the matching tile of layer l-2
  int halve_every = 0;         // > 0: layers have width >> (l / halve_every) tiles (pooling)
  bool heterogeneous = false;  // false: identical PEs (one cost class)
  Time min_cost = 100;         // task costs are drawn from [min_cost, max_cost]
  Time max_cost = 1000;
  int cost_jitter_percent = 10;  // tiles of a layer vary this much around the layer's cost
  Time max_comm = 0;             // edge communication costs drawn from [0, max_comm]
  Bytes min_tile_bytes = 1024;
  Bytes max_tile_bytes = 4096;
  Bytes weight_bytes = 8192;  // per layer; 0: no weight buffers
  std::uint64_t seed = 1;
};

struct SyntheticDag {
  TaskGraph graph;
  BufferPlan buffers;
};

// Tiles in layer l of the spec.
int synthetic_width(const SyntheticDagSpec& spec, int layer);

SyntheticDag make_synthetic_dag(const SyntheticDagSpec& spec);

// A spec with about `tasks` tasks: five stages of equal depth whose width halves
// from stage to stage (as pooling does), the first ~10 x the depth wide; equal
// tiles in a layer cost the same, as in a tiled CNN layer.
SyntheticDagSpec synthetic_spec_with_tasks(std::int64_t tasks, int processors, std::uint64_t seed = 1);

}  // namespace cnnsched
