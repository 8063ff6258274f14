#pragma once
// Memory-aware HEFT: an event-driven list scheduler with HEFT's priorities that
// never lets the scratchpad occupancy (sched/buffer_plan.hpp) exceed a capacity.
//
// Time advances over finish events. At each event time the finishes are handled
// first (a buffer is freed when its last user finishes, unless until_end), then
// ready tasks (all predecessors finished) are taken in decreasing rank_u and each
// starts on the idle processor giving the earliest finish (data-ready time there
// includes communication from other processors; lower index on ties) IF the bytes
// it would allocate now (its buffers not yet allocated) fit:
// in_use + new <= capacity. A task that does not fit is skipped for now, so a
// lower-ranked task may go first. Buffers are counted from the moment their first
// user is committed until their last user's finish event is handled, which covers
// the model's occupancy interval, so the schedule's peak never exceeds the
// capacity. Schedule::order is the commit order, Schedule::capacity the bound.
#include <optional>

#include "sched/buffer_plan.hpp"
#include "sched/schedule.hpp"
#include "sched/task_graph.hpp"

namespace cnnsched {

// capacity <= 0: unconstrained. When nothing runs and no ready task fits, throws
// InfeasibleCapacity naming the ready task closest to fitting, the bytes it needed,
// the capacity and the smallest capacity above it that works (the bisection of
// memheft_smallest_capacity() restricted to capacities > `capacity`).
Schedule schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity);

// The same without the search for a feasible capacity: nullopt when infeasible.
std::optional<Schedule> try_schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers,
                                             Bytes capacity);

// The smallest capacity memheft meets, searched by bisection between the largest
// single-task need and the unconstrained run's occupancy, and verified. Greedy
// feasibility need not be monotone in the capacity, so this is the smallest value
// the bisection finds, not necessarily the smallest that exists.
Bytes memheft_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers);

}  // namespace cnnsched
