// Memory-aware HEFT's entry points (sched/policies/memheft.hpp): the guarded
// run, the plain greedy when it is faster, and the infeasibility report.
#include <stdexcept>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/memheft_context.hpp>
#include <cnnsched/sched/policies/memheft_run.hpp>

namespace cnnsched {
namespace {

void check_inputs(const TaskGraph& g) {
  if (!g.finalized()) throw std::logic_error("memheft: graph not finalized");
}

// The guarded run, or the plain greedy when that completes with a shorter
// makespan (it is the fastest when memory hardly binds). A guarded run at a
// capacity >= the reference peak cannot fail; if it does, it is a bug.
MemheftRunResult run_checked(const MemheftContext& c, Bytes capacity) {
  MemheftRunResult r = memheft_run(c, capacity, true);
  if (!r.ok && (capacity <= 0 || capacity >= c.ref_peak))
    throw std::logic_error("memheft: deadlock at a capacity the reference order meets");
  if (!r.ok || capacity <= 0) return r;
  MemheftRunResult plain = memheft_run(c, capacity, false);
  if (plain.ok && plain.schedule.makespan() < r.schedule.makespan()) return plain;
  return r;
}

}  // namespace

std::optional<Schedule> try_schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers,
                                             Bytes capacity) {
  check_inputs(graph);
  const MemheftContext c(graph, buffers);
  MemheftRunResult r = run_checked(c, capacity);
  if (!r.ok) return std::nullopt;
  return std::move(r.schedule);
}

Schedule schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity) {
  check_inputs(graph);
  const MemheftContext c(graph, buffers);
  MemheftRunResult r = run_checked(c, capacity);
  if (r.ok) return std::move(r.schedule);
  // Name the first reference step that does not fit: the task and the memory
  // in use while it runs in the reference order.
  std::size_t j = 0;
  while (c.ref_need[j] <= capacity) ++j;
  throw InfeasibleCapacity(graph.name(c.ref[j]), c.ref_need[j], capacity, c.ref_peak);
}

Bytes memheft_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers) {
  check_inputs(graph);
  const MemheftContext c(graph, buffers);
  const Bytes smallest = std::max<Bytes>(1, c.ref_peak);
  run_checked(c, smallest);
  return smallest;
}

}  // namespace cnnsched
