// The reference serial orders of memory-aware HEFT (sched/policies/memheft.hpp).
//
// Rule least-memory (depth_first false): the ready task adding the least memory
// (bytes it allocates minus bytes freed at its finish); both terms only shrink
// as the run goes on, so a lazy heap suffices. Rule depth-first: the task that
// became ready last. Higher rank_u on ties.
#include <functional>
#include <queue>
#include <stdexcept>
#include <tuple>

#include <cnnsched/sched/policies/memheft_context.hpp>

namespace cnnsched {
namespace {

class SerialTraversal {
 public:
  SerialTraversal(const MemheftContext& c, bool depth_first)
      : c_(c), g_(c.g), plan_(c.plan), depth_first_(depth_first) {}

  SerialOrder run() {
    init();
    const auto n = static_cast<std::size_t>(g_.num_tasks());
    out_.order.reserve(n);
    out_.need.reserve(n);
    while (!heap_.empty()) {
      const auto [k, p, t] = heap_.top();
      heap_.pop();
      if (done_[std::size_t(t)] || k != key(t)) continue;  // stale entry
      (void)p;
      take(t);
    }
    if (out_.order.size() != n) throw std::logic_error("memheft: reference order misses tasks");
    return std::move(out_);
  }

 private:
  using Entry = std::tuple<Bytes, std::size_t, TaskId>;  // key, rank position, task

  void init() {
    const auto n = static_cast<std::size_t>(g_.num_tasks());
    const auto nb = static_cast<std::size_t>(plan_.num_buffers());
    preds_left_.resize(n);
    alloc_.assign(n, 0);
    frees_.assign(n, 0);
    users_left_.resize(nb);
    allocated_.assign(nb, 0);
    done_.assign(n, 0);
    became_ready_.assign(n, 0);
    for (std::size_t b = 0; b < nb; ++b) {
      users_left_[b] = c_.user_count(b);
      const Buffer& buf = plan_.buffer(static_cast<BufferId>(b));
      if (users_left_[b] == 1 && !buf.until_end)
        frees_[static_cast<std::size_t>(c_.users[c_.user_off[b]])] += buf.bytes;
    }
    for (TaskId t = 0; t < g_.num_tasks(); ++t)
      for (BufferId b : plan_.buffers_of(t)) alloc_[static_cast<std::size_t>(t)] += plan_.buffer(b).bytes;
    for (TaskId t = 0; t < g_.num_tasks(); ++t) preds_left_[std::size_t(t)] = g_.in_edges(t).size();
    for (TaskId t = 0; t < g_.num_tasks(); ++t)
      if (preds_left_[std::size_t(t)] == 0) became_ready_[std::size_t(t)] = --readied_;
    for (TaskId t = 0; t < g_.num_tasks(); ++t) push_if_ready(t);
  }

  Bytes key(TaskId t) const {
    return depth_first_ ? became_ready_[std::size_t(t)] : alloc_[std::size_t(t)] - frees_[std::size_t(t)];
  }

  void push_if_ready(TaskId t) {
    if (!done_[std::size_t(t)] && preds_left_[std::size_t(t)] == 0)
      heap_.emplace(key(t), c_.pos[std::size_t(t)], t);
  }

  // Run t next: count its memory, then update the keys of the tasks it changes.
  void take(TaskId t) {
    out_.order.push_back(t);
    out_.need.push_back(live_ + alloc_[std::size_t(t)]);
    live_ += alloc_[std::size_t(t)];
    done_[std::size_t(t)] = 1;
    for (BufferId b : plan_.buffers_of(t)) account_buffer(t, b);
    for (EdgeId e : g_.out_edges(t)) {
      const TaskId to = g_.edge(e).to;
      if (--preds_left_[std::size_t(to)] == 0) became_ready_[std::size_t(to)] = --readied_;
      push_if_ready(to);
    }
  }

  // t uses b: the other users no longer allocate it once it exists; it is freed
  // after its last user; a user left alone frees it at its finish.
  void account_buffer(TaskId t, BufferId b) {
    const auto bi = static_cast<std::size_t>(b);
    const Bytes bytes = plan_.buffer(b).bytes;
    if (!allocated_[bi]) {
      allocated_[bi] = 1;
      for (std::size_t i = c_.user_off[bi]; i < c_.user_off[bi + 1]; ++i) {
        const TaskId u = c_.users[i];
        if (u == t || done_[std::size_t(u)]) continue;
        alloc_[std::size_t(u)] -= bytes;
        push_if_ready(u);
      }
    }
    if (--users_left_[bi] == 0) {
      if (!plan_.buffer(b).until_end) live_ -= bytes;
    } else if (users_left_[bi] == 1 && !plan_.buffer(b).until_end) {
      for (std::size_t i = c_.user_off[bi]; i < c_.user_off[bi + 1]; ++i) {
        const TaskId u = c_.users[i];
        if (done_[std::size_t(u)]) continue;
        frees_[std::size_t(u)] += bytes;
        push_if_ready(u);
      }
    }
  }

  const MemheftContext& c_;
  const TaskGraph& g_;
  const BufferPlan& plan_;
  const bool depth_first_;
  std::vector<std::size_t> preds_left_;
  std::vector<Bytes> alloc_, frees_, became_ready_;
  std::vector<int> users_left_;
  std::vector<char> allocated_, done_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
  Bytes readied_ = 0;
  Bytes live_ = 0;
  SerialOrder out_;
};

}  // namespace

SerialOrder memheft_serial_order(const MemheftContext& c, bool depth_first) {
  return SerialTraversal(c, depth_first).run();
}

}  // namespace cnnsched
