#pragma once
// HEFT's task priority (Topcuoglu, Hariri, Wu, IEEE TPDS 2002):
//   rank_u(t) = mean_cost(t) + max over successors s of (comm(t, s) + rank_u(s)),
// with the mean over processors and the edge's given communication cost.
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>

namespace cnnsched {

// rank_u per task. Computed exactly (scaled by the processor count, in integers)
// and converted to double here, so equal ranks compare equal.
std::vector<double> upward_ranks(const TaskGraph& graph);

// All tasks by decreasing rank_u; equal ranks keep the graph's topological order,
// so the result is itself a topological order (also with zero costs).
std::vector<TaskId> rank_order(const TaskGraph& graph);

}  // namespace cnnsched
