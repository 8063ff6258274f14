#include <limits>
#include <map>
#include <set>

#include <cnnsched/sched/policies/data_ready.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/upward_rank.hpp>

namespace cnnsched {
namespace {

// One processor's timeline: busy up to `end`, with idle gaps before it. Gaps
// are keyed by start; `lengths` gives the longest gap in O(1) so a task that fits
// no gap goes straight to the end. Gaps shorter than every task are never kept.
class Timeline {
 public:
  explicit Timeline(Time min_useful) : min_useful_(min_useful) {}

  // Earliest start at or after `ready` of an interval of length w.
  Time earliest_start(Time ready, Time w) const {
    if (!lengths_.empty() && *lengths_.rbegin() >= w) {
      auto it = gaps_.upper_bound(ready);
      if (it != gaps_.begin()) {
        auto prev = std::prev(it);
        if (prev->second >= ready + w) return ready;  // the gap containing `ready`
      }
      for (; it != gaps_.end(); ++it)
        if (it->second - it->first >= w) return it->first;
    }
    return std::max(ready, end_);
  }

  void occupy(Time start, Time finish) {
    if (start >= end_) {
      add_gap(end_, start);
      end_ = finish;
      return;
    }
    auto it = std::prev(gaps_.upper_bound(start));  // the gap holding [start, finish]
    const Time g0 = it->first, g1 = it->second;
    lengths_.erase(lengths_.find(g1 - g0));
    gaps_.erase(it);
    add_gap(g0, start);
    add_gap(finish, g1);
  }

 private:
  void add_gap(Time from, Time to) {
    if (to - from <= 0 || to - from < min_useful_) return;
    gaps_.emplace(from, to);
    lengths_.insert(to - from);
  }

  Time min_useful_;
  Time end_ = 0;
  std::map<Time, Time> gaps_;
  std::multiset<Time> lengths_;
};

}  // namespace

Schedule schedule_heft(const TaskGraph& g) {
  Schedule out;
  out.policy = "heft";
  out.order = rank_order(g);
  out.slots.assign(static_cast<std::size_t>(g.num_tasks()), Slot{});
  const int procs = g.num_processors();
  Time min_cost = std::numeric_limits<Time>::max();
  for (TaskId t = 0; t < g.num_tasks(); ++t) min_cost = std::min(min_cost, g.min_cost(t));
  std::vector<Timeline> lines(static_cast<std::size_t>(procs), Timeline(min_cost));
  for (TaskId t : out.order) {
    const DataReady ready = data_ready(g, out.slots, t);
    Slot best;
    for (int p = 0; p < procs; ++p) {
      const Time w = g.cost(t, p);
      const Time start = lines[static_cast<std::size_t>(p)].earliest_start(ready.on(p), w);
      if (best.proc < 0 || start + w < best.finish) best = {p, start, start + w};
    }
    lines[static_cast<std::size_t>(best.proc)].occupy(best.start, best.finish);
    out.slots[static_cast<std::size_t>(t)] = best;
  }
  return out;
}

}  // namespace cnnsched
