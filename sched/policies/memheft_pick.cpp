// Which ready task memory-aware HEFT starts next, and the safety rule that
// keeps a run from deadlocking (sched/policies/memheft.hpp, "Which ready task
// starts").
#include <algorithm>

#include <cnnsched/sched/policies/memheft_run.hpp>

namespace cnnsched {
namespace {

// Fitting but unsafe candidates examined per start decision before falling
// back to the reference task: bounds the work per event (near-linear runs).
constexpr int kScanLimit = 16;

}  // namespace

// Whether `used` bytes stay within the capacity. Records the range of
// capacities for which the answer stays the same (MemheftRunResult::same_from).
bool MemheftRun::fits(Bytes used) {
  if (used <= limit_) {
    r_.same_from = std::max(r_.same_from, used);
    return true;
  }
  r_.same_until = std::min(r_.same_until, used);
  return false;
}

// The highest-ranked ready task at rank position >= from that fits, or -1; the
// tasks skipped on the way did not fit (recorded like fits()).
long MemheftRun::first_fitting(std::size_t from) {
  const long at = tree_.first_fitting(from, limit_ - in_use_);
  const Bytes skipped = tree_.min_in(from, at >= 0 ? static_cast<std::size_t>(at) : tree_.size());
  if (skipped != kNeedTreeAbsent) r_.same_until = std::min(r_.same_until, in_use_ + skipped);
  if (at >= 0) fits(in_use_ + need_[static_cast<std::size_t>(order_[static_cast<std::size_t>(at)])]);
  return at;
}

// The next task to start with `idle` processors free, or -1. While the top
// `idle` ready tasks by rank_u fit together, HEFT's order decides; when memory
// binds, the task adding the least memory goes first (rank_u on ties), so
// memory keeps the most processors busy. Either way only a safe task starts;
// the reference task always is one.
TaskId MemheftRun::pick(int idle) {
  int examined = 0;
  // The exact test examines every candidate: the next reference task is no
  // longer safe once the run left the reference order.
  const int limit = c_.downsets ? static_cast<int>(n_) : kScanLimit;
  if (memory_binds(idle)) {
    for (auto it = by_net_.begin(); it != by_net_.end() && examined < limit; ++it, ++examined) {
      const TaskId cand = order_[it->second];
      if (fits(in_use_ + need_[static_cast<std::size_t>(cand)]) && safe(cand)) return cand;
    }
  } else {
    for (long at = first_fitting(0); at >= 0 && examined < limit; ++examined) {
      const TaskId cand = order_[static_cast<std::size_t>(at)];
      if (!guarded_ || safe(cand)) return cand;
      at = first_fitting(static_cast<std::size_t>(at) + 1);
    }
  }
  if (!guarded_ || next_ref_ >= n_ || c_.downsets) return -1;
  const auto f = static_cast<std::size_t>(c_.ref[next_ref_]);
  return state_[f] == kReady && fits(in_use_ + need_[f]) ? static_cast<TaskId>(f) : -1;
}

// Memory binds when the top `idle` ready tasks by rank_u do not fit together
// (guarded runs only).
bool MemheftRun::memory_binds(int idle) {
  if (!guarded_) return false;
  Bytes sum = 0;
  long at = tree_.first_fitting(0, kNeedTreeAbsent - 1);
  for (int i = 0; i < idle && at >= 0; ++i) {
    sum += need_[static_cast<std::size_t>(order_[static_cast<std::size_t>(at)])];
    if (!fits(in_use_ + sum)) return true;
    at = tree_.first_fitting(static_cast<std::size_t>(at) + 1, kNeedTreeAbsent - 1);
  }
  return false;
}

// Small graphs: starting t leaves a serial completion within the capacity
// (exact, sched/policies/memheft_downsets.hpp). Otherwise:
// starting t keeps the fallback within the capacity: each new buffer stays
// allocated, beyond what the fallback counts, until the reference step that
// first uses it; each buffer whose last unstarted user is t leaves the
// fallback's profile (see track_commit). Only steps where the profile grows
// need a look: elsewhere the invariant already holds.
bool MemheftRun::safe(TaskId t) {
  if (c_.downsets) return fits(c_.downsets->to_go(started_ | TaskMask{1} << t));
  if (c_.ref[next_ref_] == t) return true;
  deltas_.clear();
  for (BufferId b : c_.plan.buffers_of(t)) {
    const auto bi = static_cast<std::size_t>(b);
    const Bytes bytes = c_.plan.buffer(b).bytes;
    const bool gone = uncommitted_[bi] == 1 && !c_.plan.buffer(b).until_end;
    if (gone) {
      const std::size_t from = std::max(next_ref_, c_.first_ref_use[bi]);
      if (from <= c_.last_ref_use[bi]) {
        deltas_.emplace_back(from, -bytes);
        deltas_.emplace_back(c_.last_ref_use[bi] + 1, bytes);
      }
    } else if (!allocated_[bi] && c_.first_ref_use[bi] > next_ref_) {
      deltas_.emplace_back(next_ref_, bytes);
      deltas_.emplace_back(c_.first_ref_use[bi], -bytes);
    }
  }
  std::sort(deltas_.begin(), deltas_.end());
  Bytes added = 0;
  for (std::size_t i = 0; i < deltas_.size();) {
    const std::size_t from = deltas_[i].first;
    for (; i < deltas_.size() && deltas_[i].first == from; ++i) added += deltas_[i].second;
    const std::size_t until = i < deltas_.size() ? deltas_[i].first : n_;
    if (added > 0 && !fits(fallback_.max(from, until) + added)) return false;
  }
  return true;
}

// The safety rule's bookkeeping after t's commit. The fallback starts once the
// running tasks finished: a buffer whose users have all started is gone by
// then, wherever the reference order counts it.
void MemheftRun::track_commit(TaskId t) {
  while (next_ref_ < n_ && state_[static_cast<std::size_t>(c_.ref[next_ref_])] == kDone) ++next_ref_;
  for (BufferId b : c_.plan.buffers_of(t)) {
    const auto bi = static_cast<std::size_t>(b);
    const Bytes bytes = c_.plan.buffer(b).bytes;
    const bool until_end = c_.plan.buffer(b).until_end;
    const bool gone = --uncommitted_[bi] == 0 && !until_end;
    if (uncommitted_[bi] == 1 && !until_end) track_last_user(bi, bytes);
    if (gone) {
      if (extra_from_[bi] != kMemheftNone) fallback_.add(extra_from_[bi], c_.first_ref_use[bi], -bytes);
      fallback_.add(std::max(next_ref_, c_.first_ref_use[bi]), c_.last_ref_use[bi] + 1, -bytes);
    } else if (std::find(fresh_.begin(), fresh_.end(), b) != fresh_.end() &&
               c_.first_ref_use[bi] > next_ref_) {
      extra_from_[bi] = next_ref_;
      fallback_.add(next_ref_, c_.first_ref_use[bi], bytes);
    }
  }
}

// Buffer b has one unstarted user left: that user frees it at its finish.
void MemheftRun::track_last_user(std::size_t b, Bytes bytes) {
  for (std::size_t k = c_.user_off[b]; k < c_.user_off[b + 1]; ++k) {
    const auto u = static_cast<std::size_t>(c_.users[k]);
    if (state_[u] == kDone) continue;
    if (state_[u] == kReady) by_net_.erase(net(u));
    frees_[u] += bytes;
    if (state_[u] == kReady) by_net_.insert(net(u));
  }
}

}  // namespace cnnsched
