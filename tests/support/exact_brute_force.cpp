// The brute force of exact_brute_force.hpp: event-driven enumeration of every
// left-justified schedule.
#include "support/exact_brute_force.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace cnnsched::brute {
namespace {

class Enumerator {
 public:
  // every_instant: try every integer start time up to `horizon`, not only
  // finishes and arrivals (checks the left-justified argument itself).
  Enumerator(const TaskGraph& g, const BufferPlan& b, Bytes capacity, bool every_instant, Time horizon)
      : g_(g),
        b_(b),
        cap_(capacity),
        n_(g.num_tasks()),
        proc_(n_, -1),
        start_(n_, 0),
        finish_(n_, 0),
        every_(every_instant),
        horizon_(horizon) {}

  Best run() {
    dfs(0, 0);
    return best_;
  }

 private:
  Bytes peak() const {
    Time mk = 0;
    for (int t = 0; t < n_; ++t) mk = std::max(mk, finish_[t]);
    std::vector<Time> alloc(b_.num_buffers(), std::numeric_limits<Time>::max()), rel(b_.num_buffers(), -1);
    for (int t = 0; t < n_; ++t)
      for (BufferId x : b_.buffers_of(t))
        alloc[x] = std::min(alloc[x], start_[t]), rel[x] = std::max(rel[x], finish_[t]);
    Bytes worst = 0;
    for (int t = 0; t < n_; ++t) {  // the step function's maxima are at allocation times
      const Time at = start_[t];
      Bytes sum = 0;
      for (BufferId x = 0; x < b_.num_buffers(); ++x) {
        if (rel[x] < 0) continue;
        const Time end = b_.buffer(x).until_end ? mk : rel[x];
        if (alloc[x] <= at && at < end) sum += b_.buffer(x).bytes;
      }
      worst = std::max(worst, sum);
    }
    return worst;
  }

  Time arrival(int t, int p) const {  // when t's inputs are all on p; max() if a predecessor has not run
    Time ready = 0;
    for (EdgeId e : g_.in_edges(t)) {
      const int f = g_.edge(e).from;
      if (proc_[f] < 0) return std::numeric_limits<Time>::max();
      ready = std::max(ready, finish_[f] + (proc_[f] == p ? 0 : g_.edge(e).comm_cost));
    }
    return ready;
  }

  bool idle(int p, Time now) const {
    for (int t = 0; t < n_; ++t)  // every placed task started by now; a zero-cost one at now leaves p free
      if (proc_[t] == p && finish_[t] > now) return false;
    return true;
  }

  void dfs(int placed, Time now) {
    Time mk = 0;
    for (int t = 0; t < n_; ++t)
      if (proc_[t] >= 0) mk = std::max(mk, finish_[t]);
    if (placed == n_) {
      const Bytes pk = peak();
      best_.peak = std::min(best_.peak, pk);
      if (cap_ <= 0 || pk <= cap_) best_.makespan = std::min(best_.makespan, mk);
      return;
    }
    for (int t = 0; t < n_; ++t) {
      if (proc_[t] >= 0) continue;
      for (int p = 0; p < g_.num_processors(); ++p) {
        if (arrival(t, p) > now || !idle(p, now)) continue;
        proc_[t] = p, start_[t] = now, finish_[t] = now + g_.cost(t, p);
        dfs(placed + 1, now);
        proc_[t] = -1;
      }
    }
    Time next = std::numeric_limits<Time>::max();  // the next finish or arrival after now
    for (int t = 0; t < n_; ++t) {
      if (proc_[t] >= 0 && finish_[t] > now) next = std::min(next, finish_[t]);
      if (proc_[t] >= 0)
        for (EdgeId e : g_.out_edges(t))
          if (finish_[t] + g_.edge(e).comm_cost > now)
            next = std::min(next, finish_[t] + g_.edge(e).comm_cost);
    }
    if (every_) next = now < horizon_ ? now + 1 : std::numeric_limits<Time>::max();
    if (next != std::numeric_limits<Time>::max()) dfs(placed, next);
  }

  const TaskGraph& g_;
  const BufferPlan& b_;
  Bytes cap_;
  int n_;
  std::vector<int> proc_;
  std::vector<Time> start_, finish_;
  bool every_;
  Time horizon_;
  Best best_;
};

}  // namespace

Best brute_force(const TaskGraph& g, const BufferPlan& b, Bytes capacity) {
  return Enumerator(g, b, capacity, false, 0).run();
}

Best brute_force_every_instant(const TaskGraph& g, const BufferPlan& b, Bytes capacity, Time horizon) {
  return Enumerator(g, b, capacity, true, horizon).run();
}

}  // namespace cnnsched::brute
