#include <algorithm>
#include <random>
#include <string>

#include <cnnsched/sched/graph/random_dag.hpp>

namespace cnnsched {

SyntheticDag make_random_dag(const RandomDagSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  const auto pick = [&](std::int64_t lo, std::int64_t hi) {  // uniform enough in [lo, hi]
    return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
  };
  std::vector<std::string> names;
  for (int p = 0; p < spec.processors; ++p) names.push_back("P" + std::to_string(p));
  SyntheticDag d;
  d.graph = spec.heterogeneous ? TaskGraph::with_distinct_processors(names)
                               : TaskGraph(names, std::vector<int>(names.size(), 0));
  const int classes = spec.heterogeneous ? spec.processors : 1;
  std::vector<std::vector<Time>> cost(static_cast<std::size_t>(spec.tasks));
  for (auto& c : cost)
    for (int k = 0; k < classes; ++k) c.push_back(pick(1, spec.max_cost));
  struct Arc {
    int from, to;
    Time comm;
  };
  std::vector<Arc> arcs;
  std::vector<std::vector<TaskId>> succ(static_cast<std::size_t>(spec.tasks));
  std::vector<int> depth(static_cast<std::size_t>(spec.tasks), 0);  // the layer: longest path from a source
  for (int t = 1; t < spec.tasks; ++t) {
    int in = 0;
    for (int f = t - 1; f >= 0 && f >= t - 6 && in < spec.max_in; --f) {
      if (pick(0, 99) >= spec.edge_percent) continue;
      arcs.push_back({f, t, pick(0, spec.max_comm)});
      succ[static_cast<std::size_t>(f)].push_back(t);
      depth[static_cast<std::size_t>(t)] =
          std::max(depth[static_cast<std::size_t>(t)], depth[static_cast<std::size_t>(f)] + 1);
      ++in;
    }
  }
  for (int t = 0; t < spec.tasks; ++t)
    d.graph.add_task("t" + std::to_string(t), depth[static_cast<std::size_t>(t)],
                     cost[static_cast<std::size_t>(t)]);
  for (const Arc& a : arcs) d.graph.add_edge(a.from, a.to, a.comm, 0);
  d.graph.finalize();
  for (int t = 0; t < spec.tasks; ++t) {
    const auto& s = succ[static_cast<std::size_t>(t)];
    const BufferId b = d.buffers.add_buffer(d.graph.name(t), pick(1, spec.max_bytes), s.empty());
    d.buffers.add_use(t, b);
    for (TaskId to : s) d.buffers.add_use(to, b);
  }
  for (int w = 0; w < spec.shared_buffers && spec.tasks > 0; ++w) {
    const BufferId b = d.buffers.add_buffer("w" + std::to_string(w), pick(1, spec.max_bytes));
    const int users = static_cast<int>(pick(2, 3));
    for (int u = 0; u < users; ++u) d.buffers.add_use(static_cast<TaskId>(pick(0, spec.tasks - 1)), b);
  }
  d.buffers.finalize(spec.tasks);
  return d;
}

}  // namespace cnnsched
