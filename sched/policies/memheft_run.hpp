#pragma once
// One event-driven run of memory-aware HEFT (sched/policies/memheft.hpp for the
// rules). Guarded: with the safety rule and the memory-binding choice; otherwise
// the plain greedy in rank_u order, which may deadlock.
//
// memheft_run.cpp holds the event loop (commit, allocation, finishes),
// memheft_pick.cpp the choice of the next task and the safety rule.
#include <queue>
#include <set>
#include <utility>
#include <vector>

#include <cnnsched/sched/policies/memheft_context.hpp>
#include <cnnsched/sched/policies/segment_trees.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

struct MemheftRunResult {
  bool ok = false;
  Schedule schedule;
  Bytes max_tracked = 0;  // the largest occupancy the run counted
  // Every capacity in [same_from, same_until) gives this very run: each of its
  // comparisons against the capacity comes out the same (constrained runs only).
  Bytes same_from = 0;
  Bytes same_until = kNeedTreeAbsent;
};

// Which order ranks the ready tasks: HEFT's rank_u, or the reference serial
// order (memory-frugal, and what the safety rule compares against).
enum class MemheftPriority { Rank, Reference };

// any_processor: a task may also be queued on a busy processor when it would
// finish there first (as HEFT does); its buffers count from its commit.
MemheftRunResult memheft_run(const MemheftContext& c, Bytes capacity, bool guard,
                             MemheftPriority priority = MemheftPriority::Rank, bool any_processor = false);

class MemheftRun {
 public:
  MemheftRun(const MemheftContext& c, Bytes capacity, bool guard, MemheftPriority priority,
             bool any_processor);
  MemheftRunResult run();

 private:
  enum : char { kWaiting, kReady, kDone };

  // memheft_run.cpp
  void start_fitting(Time now);
  int idle_processors(Time now) const;
  Slot place(TaskId t, Time now) const;
  void commit(TaskId t, Time now);
  void allocate(TaskId t);
  void handle_finishes(Time now);
  void make_ready(TaskId t);

  // memheft_pick.cpp
  bool fits(Bytes used);
  long first_fitting(std::size_t from);
  TaskId pick(int idle);
  bool memory_binds(int idle);
  bool safe(TaskId t);
  void track_commit(TaskId t);
  void track_last_user(std::size_t b, Bytes bytes);
  std::pair<Bytes, std::size_t> net(std::size_t u) const { return {need_[u] - frees_[u], pos_[u]}; }

  const MemheftContext& c_;
  const std::vector<TaskId>& order_;     // the priority order
  const std::vector<std::size_t>& pos_;  // per task: its place in order_
  const TaskGraph& g_;
  const std::size_t n_;
  const int procs_;
  const bool guarded_;
  const bool any_processor_;
  const Bytes capacity_;
  const Bytes limit_;
  MemheftRunResult r_;

  std::vector<char> state_;
  std::vector<std::size_t> preds_left_;
  std::vector<Bytes> need_;  // bytes a ready task would allocate now
  std::vector<char> allocated_;
  std::vector<int> users_left_;  // users of each buffer not yet finished
  NeedTree tree_;
  Bytes in_use_ = 0;
  std::vector<Time> avail_;
  std::priority_queue<std::pair<Time, TaskId>, std::vector<std::pair<Time, TaskId>>,
                      std::greater<std::pair<Time, TaskId>>>
      finishes_;
  std::vector<BufferId> fresh_;  // buffers the last commit allocated
  std::size_t done_ = 0;

  // The safety rule. The fallback's need per reference step, plus the buffers
  // started ahead of it.
  MaxAddTree fallback_;
  std::vector<std::size_t> extra_from_;
  std::vector<int> uncommitted_;  // users of each buffer not yet started
  // Ready tasks by the memory they add: new bytes minus the bytes of buffers
  // they are the last unstarted user of (freed at their finish at the latest).
  std::vector<Bytes> frees_;
  std::set<std::pair<Bytes, std::size_t>> by_net_;     // (net bytes, rank position)
  std::size_t next_ref_ = 0;                           // first reference step not yet committed
  TaskMask started_ = 0;                               // the tasks committed (with the exact test)
  std::vector<std::pair<std::size_t, Bytes>> deltas_;  // safe()'s scratch: (step, change from that step on)
};

}  // namespace cnnsched
