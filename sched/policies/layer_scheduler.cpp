#include <algorithm>
#include <stdexcept>

#include <cnnsched/sched/policies/data_ready.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>
#include <cnnsched/sched/policies/upward_rank.hpp>

namespace cnnsched {

Schedule schedule_layer_by_layer(const TaskGraph& g) {
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    if (g.layer(t) < 0) throw std::invalid_argument("task '" + g.name(t) + "' has no layer");
    for (EdgeId e : g.in_edges(t)) {
      const TaskId pred = g.edge(e).from;
      if (g.layer(pred) >= g.layer(t))
        throw std::invalid_argument("task '" + g.name(t) + "' (layer " + std::to_string(g.layer(t)) +
                                    ") depends on task '" + g.name(pred) + "' (layer " +
                                    std::to_string(g.layer(pred)) + "); layers must increase along edges");
    }
  }
  Schedule out;
  out.policy = "layer";
  out.slots.assign(static_cast<std::size_t>(g.num_tasks()), Slot{});
  out.order.reserve(static_cast<std::size_t>(g.num_tasks()));
  // Bucket the rank order by layer: each bucket keeps decreasing rank.
  const std::vector<TaskId> by_rank = rank_order(g);
  std::vector<std::size_t> start_of(static_cast<std::size_t>(g.num_layers()) + 1, 0);
  for (TaskId t = 0; t < g.num_tasks(); ++t) ++start_of[static_cast<std::size_t>(g.layer(t)) + 1];
  for (std::size_t l = 0; l + 1 < start_of.size(); ++l) start_of[l + 1] += start_of[l];
  std::vector<TaskId> by_layer(by_rank.size());
  std::vector<std::size_t> fill(start_of.begin(), start_of.end() - 1);
  for (TaskId t : by_rank) by_layer[fill[static_cast<std::size_t>(g.layer(t))]++] = t;

  std::vector<Time> avail(static_cast<std::size_t>(g.num_processors()), 0);
  Time barrier = 0;
  for (std::size_t l = 0; l + 1 < start_of.size(); ++l) {
    Time layer_end = barrier;
    for (std::size_t i = start_of[l]; i < start_of[l + 1]; ++i) {
      const TaskId t = by_layer[i];
      const DataReady ready = data_ready(g, out.slots, t);
      Slot best;
      for (int p = 0; p < g.num_processors(); ++p) {
        const Time start = std::max({barrier, avail[static_cast<std::size_t>(p)], ready.on(p)});
        const Time finish = start + g.cost(t, p);
        if (best.proc < 0 || finish < best.finish) best = {p, start, finish};
      }
      avail[static_cast<std::size_t>(best.proc)] = best.finish;
      out.slots[static_cast<std::size_t>(t)] = best;
      out.order.push_back(t);
      layer_end = std::max(layer_end, best.finish);
    }
    barrier = layer_end;
  }
  return out;
}

}  // namespace cnnsched
