#pragma once
// Small random task graphs for the quality benchmark and the exact policy's
// tests: tasks in id order (layer: the longest path from a source), each reading up to `max_in` earlier
// tasks, small integer costs (so exact solvers stay fast), a buffer per task output read by its successors
// (kept until the end when it has none) and a few shared "weight" buffers read by several tasks.
// Deterministic for a given spec on every platform (no std distributions).
#include <cstdint>

#include <cnnsched/sched/graph/synthetic_dag.hpp>

namespace cnnsched {

struct RandomDagSpec {
  int tasks = 10;
  int processors = 2;
  bool heterogeneous = false;  // false: identical PEs; true: a cost per PE
  int edge_percent = 30;       // chance of each edge from one of the 6 previous tasks
  int max_in = 3;
  Time max_cost = 10;  // costs in [1, max_cost]
  Time max_comm = 4;   // communication costs in [0, max_comm]
  Bytes max_bytes = 100;
  int shared_buffers = 1;
  std::uint64_t seed = 1;
};

SyntheticDag make_random_dag(const RandomDagSpec& spec);

}  // namespace cnnsched
