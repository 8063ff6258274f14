#pragma once
// When a task's inputs are available on each processor, given where and when its
// predecessors ran: a predecessor's finish, plus the edge's communication cost
// when it ran on another processor. Shared by the list schedulers.
#include <algorithm>
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// The ready time on every processor in O(in-degree): every processor other than
// the one holding the latest-arriving remote input sees that arrival; only that
// one processor (`local`) needs a second pass.
struct DataReady {
  Time remote = 0;  // ready time on any processor except `local`
  int local = -1;
  Time at_local = 0;
  Time on(int proc) const { return proc == local ? at_local : remote; }
};

inline DataReady data_ready(const TaskGraph& g, const std::vector<Slot>& slots, TaskId t) {
  DataReady r;
  for (EdgeId e : g.in_edges(t)) {
    const Edge& edge = g.edge(e);
    const Slot& s = slots[static_cast<std::size_t>(edge.from)];
    if (r.local < 0 || s.finish + edge.comm_cost > r.remote)
      r.remote = s.finish + edge.comm_cost, r.local = s.proc;
  }
  if (r.local < 0) return r;
  for (EdgeId e : g.in_edges(t)) {
    const Edge& edge = g.edge(e);
    const Slot& s = slots[static_cast<std::size_t>(edge.from)];
    r.at_local = std::max(r.at_local, s.proc == r.local ? s.finish : s.finish + edge.comm_cost);
  }
  return r;
}

}  // namespace cnnsched
