// Memory-aware HEFT's entry points (sched/policies/memheft.hpp): the guarded
// run, the plain greedy when it is faster, and the infeasibility report.
#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/exact.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/memheft_context.hpp>
#include <cnnsched/sched/policies/memheft_run.hpp>

namespace cnnsched {
namespace {

void check_inputs(const TaskGraph& g) {
  if (!g.finalized()) throw std::logic_error("memheft: graph not finalized");
}

// Above this many tasks the guarded run in rank_u order is skipped: on large
// graphs it is the slowest run (its candidates are mostly unsafe) and the
// reference-priority run beats it (sched_bench's synthetic graphs: 2.5-5 x
// HEFT's makespan against 1.0 x at 0.7 x HEFT's peak).
constexpr TaskId kRankRunMaxTasks = 200'000;

// Guarded runs per capacity: rank_u and reference priority (the former up to
// kRankRunMaxTasks), and on small graphs rank_u again queueing on busy PEs.
int guarded_runs(const MemheftContext& c) {
  return (c.g.num_tasks() <= kRankRunMaxTasks ? 2 : 1) + (c.downsets ? 1 : 0);
}

// The fastest of the guarded runs (HEFT's priorities; the reference order's,
// which follows the memory-frugal order the safety rule compares against, so
// it is refused far less) and the plain greedy when that completes (it is the
// fastest when memory hardly binds). A guarded run at a capacity >= the
// reference peak cannot fail; if it does, it is a bug. Every capacity in the
// intersection of the runs' ranges of identical behaviour gives the same runs,
// so the same choice.
MemheftRunResult run_checked(const MemheftContext& c, Bytes capacity) {
  const bool rank_run = c.g.num_tasks() <= kRankRunMaxTasks;
  MemheftRunResult r =
      memheft_run(c, capacity, true, rank_run ? MemheftPriority::Rank : MemheftPriority::Reference);
  if (!r.ok && (capacity <= 0 || capacity >= c.ref_peak))
    throw std::logic_error("memheft: deadlock at a capacity the reference order meets");
  if (!r.ok || capacity <= 0) return r;
  Bytes from = r.same_from, until = r.same_until;
  const auto consider = [&](MemheftRunResult other) {
    from = std::max(from, other.same_from);
    until = std::min(until, other.same_until);
    if (other.ok && other.schedule.makespan() < r.schedule.makespan()) r = std::move(other);
  };
  if (rank_run) consider(memheft_run(c, capacity, true, MemheftPriority::Reference));
  // Small graphs: also queueing on busy PEs, as HEFT does (quality_bench's
  // random graphs: worst case 1.73 -> 1.48 x the optimum, mean 1.050 -> 1.039).
  if (c.downsets) consider(memheft_run(c, capacity, true, MemheftPriority::Rank, true));
  consider(memheft_run(c, capacity, false));
  if (!r.ok) throw std::logic_error("memheft: deadlock at a capacity the reference order meets");
  r.same_from = from;
  r.same_until = until;
  return r;
}

// Runs of run_checked() per call at most, beyond the one at the capacity
// itself, and the task visits they may take together: the search below stays
// within a few times one run on large graphs.
constexpr int kMaxLowerRuns = 256;
constexpr std::int64_t kMaxLowerTaskVisits = 200'000;

// The best schedule at `capacity`: the fastest of the run at it, HEFT's
// schedule when its peak fits, and the runs at every smaller capacity from the
// reference peak up (each fits `capacity` too). A list scheduler is not
// monotone in its resources; taking the best over all smaller capacities makes
// more capacity never give a longer makespan. Runs are visited one range of
// identical behaviour at a time (MemheftRunResult::same_from), so the search
// is exact unless it runs out of its budget.
MemheftRunResult best_within(const MemheftContext& c, Bytes capacity) {
  MemheftRunResult best = run_checked(c, capacity);
  if (!best.ok) return best;
  const Schedule heft = schedule_heft(c.g);
  if (heft.makespan() < best.schedule.makespan() &&
      (capacity <= 0 || memory_profile(c.g, c.plan, heft).peak_bytes <= capacity)) {
    best.schedule.slots = heft.slots;
    best.schedule.order = heft.order;  // no memory waits: every task starts when its data and PE are ready
  }
  if (capacity <= 0) return best;
  const std::int64_t visits_per_run = (guarded_runs(c) + 1) * std::max<std::int64_t>(c.g.num_tasks(), 1);
  const Bytes own_from = best.same_from;
  Bytes at = std::max<Bytes>(1, c.ref_peak);
  for (int runs = 0;
       at < own_from && runs < kMaxLowerRuns && (runs + 1) * visits_per_run <= kMaxLowerTaskVisits; ++runs) {
    MemheftRunResult lower = run_checked(c, at);
    if (lower.ok && lower.schedule.makespan() < best.schedule.makespan()) {
      best.schedule.slots = std::move(lower.schedule.slots);
      best.schedule.order = std::move(lower.schedule.order);
      best.schedule.dispatch_capacity = at;  // its memory waits are those of this bound
    }
    at = std::max(at + 1, lower.same_until);
  }
  best.schedule.capacity = capacity;
  return best;
}

}  // namespace

std::optional<Schedule> try_schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers,
                                             Bytes capacity) {
  check_inputs(graph);
  const MemheftContext c(graph, buffers);
  MemheftRunResult r = best_within(c, capacity);
  if (!r.ok) return std::nullopt;
  return std::move(r.schedule);
}

Schedule schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity) {
  check_inputs(graph);
  const MemheftContext c(graph, buffers);
  MemheftRunResult r = best_within(c, capacity);
  if (r.ok) return std::move(r.schedule);
  // Name the first reference step that does not fit: the task and the memory
  // in use while it runs in the reference order.
  std::size_t j = 0;
  while (c.ref_need[j] <= capacity) ++j;
  ExactOptions quick;
  quick.time_limit_s = 1;  // an error path: decide the true minimum only when that is quick
  throw MemheftInfeasible(graph.name(c.ref[j]), c.ref_need[j], capacity, c.ref_peak,
                          exact_smallest_capacity(graph, buffers, quick));
}

MemheftInfeasible::MemheftInfeasible(const std::string& task, Bytes needed, Bytes capacity,
                                     Bytes memheft_smallest, std::optional<Bytes> any_smallest)
    : InfeasibleCapacity(task, needed, capacity, memheft_smallest), any_smallest_(any_smallest) {
  message_ = "memory capacity " + std::to_string(capacity) +
             " bytes is infeasible for memory-aware HEFT: task '" + task + "' needs " +
             std::to_string(needed) +
             " bytes that never become free; the smallest capacity memory-aware HEFT meets is " +
             std::to_string(memheft_smallest) + " bytes";
  if (!any_smallest) {
    message_ += " (the smallest any schedule meets is decided only for graphs of at most " +
                std::to_string(kExactMaxTasks) + " tasks with positive costs)";
  } else if (*any_smallest <= capacity) {
    message_ += "; the smallest any schedule meets is " + std::to_string(*any_smallest) +
                " bytes, so a schedule within " + std::to_string(capacity) + " bytes exists (--policy exact)";
  } else if (*any_smallest < memheft_smallest) {
    message_ +=
        "; the smallest any schedule meets is " + std::to_string(*any_smallest) + " bytes (--policy exact)";
  } else {
    message_ += "; no schedule meets less";
  }
}

Bytes memheft_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers) {
  check_inputs(graph);
  const MemheftContext c(graph, buffers);
  const Bytes smallest = std::max<Bytes>(1, c.ref_peak);
  run_checked(c, smallest);
  return smallest;
}

}  // namespace cnnsched
