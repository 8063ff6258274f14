#include <algorithm>
#include <stdexcept>

#include <cnnsched/sched/policies/upward_rank.hpp>

namespace cnnsched {
namespace {

// P * rank_u in 128-bit integers: the sum of a task's costs over all processors
// plus P * comm, so ties are exact and no realistic graph overflows.
using Scaled = __int128;

std::vector<Scaled> scaled_ranks(const TaskGraph& g) {
  if (!g.finalized()) throw std::logic_error("upward_ranks: graph not finalized");
  const int procs = g.num_processors();
  std::vector<int> per_class(static_cast<std::size_t>(g.num_classes()), 0);
  for (int p = 0; p < procs; ++p) ++per_class[static_cast<std::size_t>(g.processor_class(p))];
  std::vector<Scaled> rank(static_cast<std::size_t>(g.num_tasks()), 0);
  const auto& topo = g.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const TaskId t = *it;
    Scaled sum = 0;
    for (int c = 0; c < g.num_classes(); ++c) sum += Scaled(g.class_cost(t, c)) * per_class[std::size_t(c)];
    Scaled tail = 0;
    for (EdgeId e : g.out_edges(t)) {
      const Edge& edge = g.edge(e);
      tail = std::max(tail, Scaled(edge.comm_cost) * procs + rank[std::size_t(edge.to)]);
    }
    rank[std::size_t(t)] = sum + tail;
  }
  return rank;
}

}  // namespace

std::vector<double> upward_ranks(const TaskGraph& graph) {
  const std::vector<Scaled> scaled = scaled_ranks(graph);
  std::vector<double> out(scaled.size());
  for (std::size_t i = 0; i < scaled.size(); ++i)
    out[i] = static_cast<double>(scaled[i]) / graph.num_processors();
  return out;
}

std::vector<TaskId> rank_order(const TaskGraph& graph) {
  const std::vector<Scaled> rank = scaled_ranks(graph);
  std::vector<TaskId> order = graph.topological_order();
  // Stable sort on the topological order: equal ranks keep topological position.
  std::stable_sort(order.begin(), order.end(),
                   [&](TaskId a, TaskId b) { return rank[std::size_t(a)] > rank[std::size_t(b)]; });
  return order;
}

}  // namespace cnnsched
