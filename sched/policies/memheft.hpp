#pragma once
// Memory-aware HEFT: an event-driven list scheduler with HEFT's priorities that
// never lets the scratchpad occupancy (sched/buffer_plan.hpp) exceed a capacity.
//
// Time advances over finish events. At each event time the finishes are handled
// first (a buffer is freed when its last user finishes, unless until_end); then
// ready tasks start, each on the idle processor giving the earliest finish
// (data-ready time there includes communication; lower index on ties), while
// the bytes it would allocate now fit: in_use + new <= capacity. Buffers are
// counted from the commit of their first user until their last user's finish,
// which covers the model's occupancy interval, so the peak never exceeds the
// capacity. Schedule::order is the commit order, Schedule::capacity the bound.
//
// Which ready task starts:
// - Normally the highest rank_u that fits. When the top ready tasks by rank_u
//   (one per idle processor) do not fit together, memory binds, and the fitting
//   task adding the least memory goes first (new bytes minus the bytes of the
//   buffers it is the last unstarted user of; rank_u on ties): more processors
//   stay busy for the same memory, and buffers get completed and freed.
// - Deadlock avoidance (banker's rule): a reference serial order is computed
//   first, the lower-peak one of two memory-frugal traversals (least added
//   memory first; depth-first), with its occupancy per step. A task may start
//   only if the state stays safe: after the running tasks finish, running the
//   remaining tasks one at a time in reference order stays within the capacity,
//   counting the buffers started ahead of that order (until the reference step
//   that first uses them) and dropping those whose users have all started. The
//   next reference task is always safe and, once nothing runs, ready and
//   fitting, so a run at capacity >= the reference peak never deadlocks:
//   feasibility is monotone, and the reference peak is the smallest capacity.
//   Fitting unsafe candidates are skipped (at most 16 per decision, then the
//   next reference task), which bounds the work per event.
// - Small graphs (at most 63 tasks and 16 k downsets): the safety test is
//   exact instead (sched/policies/memheft_downsets.hpp): a task may start iff
//   the tasks not yet started can still run one at a time within the capacity
//   once the running ones finish, and the reference is a minimum-peak serial
//   order, so the smallest capacity is that of any serial order (with positive
//   costs, of any schedule: sched/policies/exact.hpp).
// - Two guarded runs: HEFT's rank_u as priority (graphs of at most 200 k
//   tasks) and the reference order as priority; the latter stays close to the
//   order the rule compares against, so it is refused far less (on
//   sched_bench's synthetic graphs at 0.7 x HEFT's peak it keeps HEFT's
//   makespan where the rank_u run takes 2.5-5 x). On small graphs also the
//   rank_u run that may queue a task on a busy processor where it would finish
//   first, as HEFT does (its buffers count from its commit).
// - The plain greedy (no safety rule, rank_u order) is also run; the fastest
//   run that completes is kept (the plain one wins when memory hardly binds).
//   Unconstrained, HEFT's own schedule is taken when faster.
//
// What is returned at a capacity is the fastest of: the run at it, HEFT's own
// schedule when its peak fits, and the run at every smaller capacity from the
// reference peak up (all of them fit). A list scheduler is not monotone in its
// resources; so, memory-aware HEFT is never slower than a fitting HEFT, and
// more capacity never gives a longer makespan. The smaller capacities are
// visited one range of identical runs at a time (each run records the range of
// capacities whose every comparison comes out as its own), at most 256 runs
// and 200 k task visits per call: exact on CNN tile graphs and small graphs,
// bounded on the million-task benchmarks. An adopted smaller run sets
// Schedule::dispatch_capacity: its tasks wait for memory as under that bound.
#include <optional>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// Memory-aware HEFT's exit-3 error (an InfeasibleCapacity whose
// smallest_feasible() is memheft_smallest_capacity). The message says what that
// number is, the smallest capacity memory-aware HEFT meets, and adds the
// smallest any schedule meets when the exact downset programme decides it
// (sched/policies/exact.hpp: graphs of at most 24 tasks with positive costs,
// within a second).
class MemheftInfeasible : public InfeasibleCapacity {
 public:
  MemheftInfeasible(const std::string& task, Bytes needed, Bytes capacity, Bytes memheft_smallest,
                    std::optional<Bytes> any_smallest);
  const char* what() const noexcept override { return message_.c_str(); }
  // The smallest capacity any schedule meets, when decided.
  const std::optional<Bytes>& any_smallest() const { return any_smallest_; }

 private:
  std::optional<Bytes> any_smallest_;
  std::string message_;
};

// capacity <= 0: unconstrained. Below the reference peak throws MemheftInfeasible
// naming the first reference task that does not fit, the occupancy it needs
// there, the capacity and the smallest capacity memheft meets (the reference peak).
Schedule schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity);

// The same without the search for a feasible capacity: nullopt when infeasible.
std::optional<Schedule> try_schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers,
                                             Bytes capacity);

// The smallest capacity memheft meets: the reference order's peak (>= the largest
// single-task need); every capacity from it up is met. Not necessarily the
// smallest any schedule could meet (that problem is NP-hard), except on the
// small graphs of the exact safety test.
Bytes memheft_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers);

}  // namespace cnnsched
