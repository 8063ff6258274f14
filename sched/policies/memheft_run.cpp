// The event loop of one memory-aware HEFT run (sched/policies/memheft_run.hpp).
//
// Time advances over finish events. At each event time the finishes are handled
// first (a buffer is freed when its last user finishes, unless until_end); then
// ready tasks start while one fits (pick), each on the idle processor giving
// the earliest finish. A task allocates its buffers at its commit.
#include <algorithm>

#include <cnnsched/sched/policies/data_ready.hpp>
#include <cnnsched/sched/policies/memheft_run.hpp>

namespace cnnsched {

MemheftRun::MemheftRun(const MemheftContext& c, Bytes capacity, bool guard, MemheftPriority priority,
                       bool any_processor)
    : c_(c),
      order_(priority == MemheftPriority::Rank ? c.order : c.ref),
      pos_(priority == MemheftPriority::Rank ? c.pos : c.ref_pos),
      g_(c.g),
      n_(static_cast<std::size_t>(c.g.num_tasks())),
      procs_(c.g.num_processors()),
      guarded_(guard && capacity > 0),
      any_processor_(any_processor),
      capacity_(capacity),
      limit_(capacity > 0 ? capacity : kNeedTreeAbsent - 1),
      state_(n_, kWaiting),
      preds_left_(n_),
      need_(n_, 0),
      allocated_(static_cast<std::size_t>(c.plan.num_buffers()), 0),
      tree_(n_),
      avail_(static_cast<std::size_t>(procs_), 0),
      fallback_(guarded_ ? c.ref_need : std::vector<Bytes>{}),
      extra_from_(guarded_ ? allocated_.size() : 0, kMemheftNone),
      frees_(n_, 0) {
  for (std::size_t b = 0; b < allocated_.size(); ++b) users_left_.push_back(c.user_count(b));
  uncommitted_ = users_left_;
  Schedule& s = r_.schedule;
  s.policy = "memheft";
  s.capacity = capacity > 0 ? capacity : 0;
  s.slots.assign(n_, Slot{});
  s.order.reserve(n_);
}

MemheftRunResult MemheftRun::run() {
  if (guarded_ && !fits(c_.ref_peak)) return std::move(r_);
  for (TaskId t : g_.topological_order()) {
    preds_left_[static_cast<std::size_t>(t)] = g_.in_edges(t).size();
    if (preds_left_[static_cast<std::size_t>(t)] == 0) make_ready(t);
  }
  Time now = 0;
  while (done_ < n_) {
    start_fitting(now);
    if (finishes_.empty()) {
      if (done_ == n_) break;
      return std::move(r_);  // nothing runs, nothing fits: no later event can free memory
    }
    now = finishes_.top().first;
    handle_finishes(now);
  }
  r_.ok = true;
  return std::move(r_);
}

// Start what fits at `now`, one task at a time while a processor is idle.
void MemheftRun::start_fitting(Time now) {
  for (;;) {
    const int idle = idle_processors(now);
    if (idle == 0) return;
    const TaskId t = pick(idle);
    if (t < 0) return;
    commit(t, now);
  }
}

int MemheftRun::idle_processors(Time now) const {
  int idle = 0;
  for (int p = 0; p < procs_; ++p) idle += avail_[static_cast<std::size_t>(p)] <= now ? 1 : 0;
  return idle;
}

// The idle processor giving t the earliest finish (lower index on ties).
Slot MemheftRun::place(TaskId t, Time now) const {
  const DataReady ready = data_ready(g_, r_.schedule.slots, t);
  Slot best;
  for (int p = 0; p < procs_; ++p) {
    if (avail_[static_cast<std::size_t>(p)] > now && !any_processor_) continue;
    const Time start = std::max({now, avail_[static_cast<std::size_t>(p)], ready.on(p)});
    const Time finish = start + g_.cost(t, p);
    if (best.proc < 0 || finish < best.finish) best = {p, start, finish};
  }
  return best;
}

void MemheftRun::commit(TaskId t, Time now) {
  const Slot best = place(t, now);
  r_.schedule.slots[static_cast<std::size_t>(t)] = best;
  r_.schedule.order.push_back(t);
  avail_[static_cast<std::size_t>(best.proc)] = best.finish;
  finishes_.emplace(best.finish, t);
  state_[static_cast<std::size_t>(t)] = kDone;
  tree_.set(pos_[static_cast<std::size_t>(t)], kNeedTreeAbsent);
  if (guarded_) by_net_.erase(net(static_cast<std::size_t>(t)));
  ++done_;
  allocate(t);
  r_.max_tracked = std::max(r_.max_tracked, in_use_);
  if (guarded_) track_commit(t);
  if (c_.downsets) started_ |= TaskMask{1} << t;
}

// t's buffers not yet allocated are from now on; the ready tasks sharing them
// need that much less.
void MemheftRun::allocate(TaskId t) {
  fresh_.clear();
  for (BufferId b : c_.plan.buffers_of(t)) {
    const auto bi = static_cast<std::size_t>(b);
    if (allocated_[bi]) continue;
    allocated_[bi] = 1;
    fresh_.push_back(b);
    const Bytes bytes = c_.plan.buffer(b).bytes;
    in_use_ += bytes;
    for (std::size_t k = c_.user_off[bi]; k < c_.user_off[bi + 1]; ++k) {
      const auto u = static_cast<std::size_t>(c_.users[k]);
      if (state_[u] != kReady) continue;
      if (guarded_) by_net_.erase(net(u));
      need_[u] -= bytes;
      tree_.set(pos_[u], need_[u]);
      if (guarded_) by_net_.insert(net(u));
    }
  }
}

// Every task finishing at `now`: free the buffers it was the last user of,
// release its successors.
void MemheftRun::handle_finishes(Time now) {
  while (!finishes_.empty() && finishes_.top().first == now) {
    const TaskId t = finishes_.top().second;
    finishes_.pop();
    for (BufferId b : c_.plan.buffers_of(t)) {
      const auto bi = static_cast<std::size_t>(b);
      if (--users_left_[bi] == 0 && !c_.plan.buffer(b).until_end) in_use_ -= c_.plan.buffer(b).bytes;
    }
    for (EdgeId e : g_.out_edges(t)) {
      const TaskId to = g_.edge(e).to;
      if (--preds_left_[static_cast<std::size_t>(to)] == 0) make_ready(to);
    }
  }
}

void MemheftRun::make_ready(TaskId t) {
  const auto ti = static_cast<std::size_t>(t);
  Bytes sum = 0;
  for (BufferId b : c_.plan.buffers_of(t))
    if (!allocated_[static_cast<std::size_t>(b)]) sum += c_.plan.buffer(b).bytes;
  need_[ti] = sum;
  state_[ti] = kReady;
  tree_.set(pos_[ti], sum);
  if (!guarded_) return;
  Bytes last = 0;
  for (BufferId b : c_.plan.buffers_of(t))
    if (uncommitted_[static_cast<std::size_t>(b)] == 1 && !c_.plan.buffer(b).until_end)
      last += c_.plan.buffer(b).bytes;
  frees_[ti] = last;
  by_net_.insert(net(ti));
}

MemheftRunResult memheft_run(const MemheftContext& c, Bytes capacity, bool guard, MemheftPriority priority,
                             bool any_processor) {
  return MemheftRun(c, capacity, guard, priority, any_processor).run();
}

}  // namespace cnnsched
