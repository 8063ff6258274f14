// The downset table of memory-aware HEFT's exact safety test
// (sched/policies/memheft_downsets.hpp).
#include <algorithm>

#include <cnnsched/sched/policies/memheft_downsets.hpp>

namespace cnnsched {

std::optional<MemheftDownsets> MemheftDownsets::build(const TaskGraph& graph, const BufferPlan& buffers) {
  if (graph.num_tasks() > 63) return std::nullopt;
  MemheftDownsets d;
  if (!d.enumerate(graph, buffers)) return std::nullopt;
  d.solve();
  return d;
}

// Every downset, breadth first (so by size), with the bytes live after it.
bool MemheftDownsets::enumerate(const TaskGraph& g, const BufferPlan& plan) {
  n_ = g.num_tasks();
  const auto n = static_cast<std::size_t>(n_);
  preds_.assign(n, 0);
  for (EdgeId e = 0; e < g.num_edges(); ++e)
    preds_[static_cast<std::size_t>(g.edge(e).to)] |= TaskMask{1} << g.edge(e).from;
  const auto nb = static_cast<std::size_t>(plan.num_buffers());
  buf_users_.assign(nb, 0);
  bufs_of_.assign(n, {});
  for (TaskId t = 0; t < n_; ++t)
    for (BufferId b : plan.buffers_of(t)) {
      buf_users_[static_cast<std::size_t>(b)] |= TaskMask{1} << t;
      bufs_of_[static_cast<std::size_t>(t)].push_back(static_cast<std::size_t>(b));
    }
  for (BufferId b = 0; b < plan.num_buffers(); ++b) {
    buf_bytes_.push_back(plan.buffer(b).bytes);
    buf_until_end_.push_back(plan.buffer(b).until_end ? 1 : 0);
  }
  states_ = {0};
  live_ = {0};
  index_ = {{0, 0}};
  for (std::size_t i = 0; i < states_.size(); ++i) {
    const TaskMask done = states_[i];
    for (TaskId k = 0; k < n_; ++k) {
      if ((done >> k) & 1 || (preds_[static_cast<std::size_t>(k)] & ~done) != 0) continue;
      const TaskMask next = done | (TaskMask{1} << k);
      if (index_.count(next) != 0) continue;
      if (states_.size() >= kMaxStates) return false;
      // What k frees at its finish: its buffers whose users have all run.
      Bytes freed = 0;
      for (std::size_t b : bufs_of_[static_cast<std::size_t>(k)])
        if ((buf_users_[b] & ~next) == 0 && !buf_until_end_[b]) freed += buf_bytes_[b];
      index_.emplace(next, states_.size());
      states_.push_back(next);
      live_.push_back(running(i, k) - freed);
    }
  }
  return true;
}

// Live after the state, plus k's buffers no task of it has allocated.
Bytes MemheftDownsets::running(std::size_t state, TaskId k) const {
  Bytes sum = live_[state];
  for (std::size_t b : bufs_of_[static_cast<std::size_t>(k)])
    if ((buf_users_[b] & states_[state]) == 0) sum += buf_bytes_[b];
  return sum;
}

// to_go(S) = min over the ready k of max(running(S, k), to_go(S + k)), from the
// largest downsets down; lower task id on ties.
void MemheftDownsets::solve() {
  to_go_.assign(states_.size(), 0);
  best_next_.assign(states_.size(), -1);
  for (std::size_t i = states_.size(); i-- > 0;) {
    const TaskMask done = states_[i];
    for (TaskId k = 0; k < n_; ++k) {
      if ((done >> k) & 1 || (preds_[static_cast<std::size_t>(k)] & ~done) != 0) continue;
      const Bytes peak = std::max(running(i, k), to_go_[index_.at(done | (TaskMask{1} << k))]);
      if (best_next_[i] < 0 || peak < to_go_[i]) to_go_[i] = peak, best_next_[i] = k;
    }
  }
}

void MemheftDownsets::best_order(std::vector<TaskId>& order, std::vector<Bytes>& need) const {
  order.clear();
  need.clear();
  TaskMask done = 0;
  for (std::size_t i = 0; best_next_[i] >= 0; i = index_.at(done)) {
    order.push_back(best_next_[i]);
    need.push_back(running(i, best_next_[i]));
    done |= TaskMask{1} << best_next_[i];
  }
}

}  // namespace cnnsched
