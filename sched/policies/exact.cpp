#include <cstdio>
#include <stdexcept>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/exact.hpp>
#include <cnnsched/sched/policies/exact_parts.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

namespace cnnsched {

using exact_detail::Clock;

const char* exact_status_name(ExactStatus status) {
  switch (status) {
    case ExactStatus::Optimal:
      return "optimal";
    case ExactStatus::BestFound:
      return "best-found";
    case ExactStatus::Infeasible:
      return "infeasible";
    case ExactStatus::Unknown:
      return "unknown";
  }
  return "?";
}

namespace {

void check_size(const TaskGraph& g, const ExactOptions& options) {
  const int limit = std::min(options.max_tasks, kExactMaxTasks);
  if (g.num_tasks() > limit)
    throw InputError("exact policy", "",
                     "the graph has " + std::to_string(g.num_tasks()) +
                         " tasks; the exact policy takes at most " + std::to_string(limit) +
                         " (its search is exponential in the task count)");
}

Clock::time_point deadline_of(const ExactOptions& options) {
  const double s = std::max(0.0, std::min(options.time_limit_s, 1e6));
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// Keeps `candidate` as the incumbent when it fits and is shorter.
void offer(const TaskGraph& g, const BufferPlan& buffers, Bytes capacity, Schedule candidate,
           const char* from, std::optional<Schedule>& best, ExactResult& r) {
  if (capacity > 0 && memory_profile(g, buffers, candidate).peak_bytes > capacity) return;
  if (best && candidate.makespan() >= best->makespan()) return;
  candidate.policy = "exact";
  candidate.capacity = capacity;
  best = std::move(candidate);
  r.start_from = from;
}

}  // namespace

ExactResult schedule_exact(const TaskGraph& g, const BufferPlan& buffers, Bytes capacity,
                           const ExactOptions& options) {
  check_size(g, options);
  const Clock::time_point deadline = deadline_of(options);
  const Bytes cap = capacity > 0 ? capacity : 0;
  ExactResult r;
  r.start_from = "none";
  const std::optional<exact_detail::SerialOrder> serial =
      exact_detail::min_peak_serial_order(g, buffers, deadline);
  if (serial && exact_detail::all_costs_positive(g)) r.smallest_capacity = serial->peak;
  if (cap > 0 && r.smallest_capacity && cap < *r.smallest_capacity) {
    r.status = ExactStatus::Infeasible;
    return r;
  }
  std::optional<Schedule> best;
  offer(g, buffers, cap, schedule_heft(g), "heft", best, r);
  if (std::optional<Schedule> m = try_schedule_memheft(g, buffers, cap))
    offer(g, buffers, cap, std::move(*m), "memheft", best, r);
  if (serial) offer(g, buffers, cap, exact_detail::serial_schedule(g, serial->order, cap), "serial", best, r);

  // Two searches share the time: the earliest-start one first, then (when it
  // could not finish) the task-by-task one from the best schedule so far.
  const Clock::time_point now = Clock::now();
  const Clock::time_point half = now + (deadline - now) / 2;
  bool complete = false;
  for (const auto branching : {exact_detail::Branching::EarliestStart, exact_detail::Branching::TaskByTask}) {
    exact_detail::SolveResult solved = exact_detail::solve_cp(
        g, buffers, cap, best ? best->makespan() : 0,
        branching == exact_detail::Branching::EarliestStart ? half : deadline, branching);
    r.nodes += solved.nodes;
    if (solved.best) best = std::move(solved.best);
    if ((complete = solved.complete)) break;
  }
  if (best) {
    r.status = complete ? ExactStatus::Optimal : ExactStatus::BestFound;
    r.schedule = std::move(*best);
    const ValidationReport check = validate(g, buffers, r.schedule, cap);
    if (!check.ok)
      throw std::logic_error("the exact policy produced an invalid schedule: " + check.violations[0]);
  } else {
    r.status = complete ? ExactStatus::Infeasible : ExactStatus::Unknown;
  }
  return r;
}

Schedule schedule_exact_or_throw(const TaskGraph& g, const BufferPlan& buffers, Bytes capacity,
                                 const ExactOptions& options, ExactStatus* status) {
  ExactResult r = schedule_exact(g, buffers, capacity, options);
  if (status) *status = r.status;
  if (r.status == ExactStatus::Optimal || r.status == ExactStatus::BestFound) return std::move(r.schedule);
  std::string what = "memory capacity " + std::to_string(capacity) + " bytes is ";
  if (r.status == ExactStatus::Infeasible)
    what += "infeasible: no schedule keeps the occupancy within it (proven by the exact policy)";
  else
    what += "not met: the exact policy found no schedule within it in its time limit of " +
            std::to_string(options.time_limit_s) + " s (not proven infeasible)";
  if (r.smallest_capacity)
    what +=
        "; the smallest capacity any schedule meets is " + std::to_string(*r.smallest_capacity) + " bytes";
  throw ExactInfeasible(capacity, r.smallest_capacity, what);
}

std::optional<Bytes> exact_smallest_capacity(const TaskGraph& g, const BufferPlan& buffers,
                                             const ExactOptions& options) {
  if (g.num_tasks() > std::min(options.max_tasks, kExactMaxTasks) || !exact_detail::all_costs_positive(g))
    return std::nullopt;
  const std::optional<exact_detail::SerialOrder> serial =
      exact_detail::min_peak_serial_order(g, buffers, deadline_of(options));
  if (!serial) return std::nullopt;
  return serial->peak;
}

}  // namespace cnnsched
