#pragma once
// Memory-aware HEFT's exact safety test on small graphs (sched/policies/memheft.hpp).
//
// A state of a run is safe when, once the running tasks finish, the remaining
// tasks can run one at a time within the capacity. Once they finish, what is
// in memory depends only on the set S of started tasks (a downset): every
// buffer with a user in S and a user outside S or until_end. So the smallest
// peak of finishing from S, to_go(S), decided once per graph by dynamic
// programming over all downsets, answers the safety question exactly:
// starting t is safe iff to_go(S + t) <= capacity. to_go(empty set) is the
// smallest capacity any serial order meets, and best_order() one that meets it.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched {

using TaskMask = std::uint64_t;

class MemheftDownsets {
 public:
  // nullopt above 63 tasks or kMaxStates downsets: the table would cost more
  // than the runs (the random 8-16-task graphs of quality_bench have at most
  // some 2 200 downsets, the LeNet-5 C1-S2-C3 graph of 18 tasks fewer).
  static std::optional<MemheftDownsets> build(const TaskGraph& graph, const BufferPlan& buffers);
  static constexpr std::size_t kMaxStates = std::size_t{1} << 14;

  // The smallest peak of running the tasks outside `done` one at a time, after
  // exactly `done` (a downset) has run.
  Bytes to_go(TaskMask done) const { return to_go_[index_.at(done)]; }
  // A serial order meeting to_go(0), and the bytes live while each of its tasks runs.
  void best_order(std::vector<TaskId>& order, std::vector<Bytes>& need) const;

 private:
  MemheftDownsets() = default;
  bool enumerate(const TaskGraph& graph, const BufferPlan& buffers);
  void solve();
  Bytes running(std::size_t state, TaskId k) const;  // bytes live while k runs after states_[state]

  TaskId n_ = 0;
  std::vector<TaskMask> preds_;                    // per task
  std::vector<TaskMask> buf_users_;                // per buffer
  std::vector<Bytes> buf_bytes_;                   // per buffer
  std::vector<char> buf_until_end_;                // per buffer
  std::vector<std::vector<std::size_t>> bufs_of_;  // per task
  std::vector<TaskMask> states_;                   // in order of size
  std::vector<Bytes> live_;                        // per state: bytes live once its tasks ran
  std::vector<Bytes> to_go_;                       // per state
  std::vector<TaskId> best_next_;                  // per state: the first task of an order meeting to_go
  std::unordered_map<TaskMask, std::size_t> index_;
};

}  // namespace cnnsched
