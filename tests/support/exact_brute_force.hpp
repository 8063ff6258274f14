#pragma once
// An independent brute force for tiny graphs (<= 7 tasks), for the exact
// policy's tests: event-driven enumeration of every left-justified schedule.
// At each decision time any ready task may start on any idle processor where
// its inputs have arrived, or time advances to the next finish or arrival; a
// schedule's peak is recomputed here from scratch (a buffer occupies
// [first user's start, last user's finish), the makespan when until_end).
// Left-justified schedules suffice: moving a task earlier to the latest
// finish or arrival before it never raises the peak (between two frees only
// allocations happen) nor the makespan.
// Compiled optimised like the libraries (tests/CMakeLists.txt, test_oracles):
// the suites themselves compile at -O0 and the enumeration is exponential.
#include <limits>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched::brute {

struct Best {
  Time makespan = std::numeric_limits<Time>::max();  // under the capacity
  Bytes peak = std::numeric_limits<Bytes>::max();    // smallest over all schedules
};

Best brute_force(const TaskGraph& g, const BufferPlan& b, Bytes capacity);

// Every integer start time up to `horizon` (slow: 4-5 tasks).
Best brute_force_every_instant(const TaskGraph& g, const BufferPlan& b, Bytes capacity, Time horizon);

}  // namespace cnnsched::brute
