#pragma once
// Scratchpad occupancy over time of a schedule, exactly as the memory model in
// sched/buffer_plan.hpp defines it: a buffer is allocated at the start of its
// first user and freed at the finish of its last user (at the makespan when
// until_end); at one instant frees come before allocations. A buffer whose
// interval is empty (zero bytes, no users, or allocated and freed at the same
// instant by zero-duration tasks) never occupies memory and has no events.
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

struct MemoryEvent {
  Time time = 0;
  Bytes delta = 0;  // +bytes (allocation) or -bytes (free)
  BufferId buffer = -1;
  TaskId task = -1;  // the first user (allocation) or last user (free)
  Bytes in_use = 0;  // occupancy after this event
};

struct MemoryProfile {
  std::vector<MemoryEvent> events;  // by time, frees before allocations, then buffer id
  Bytes peak_bytes = 0;
  Time peak_time = 0;     // first time the peak is reached
  double mean_bytes = 0;  // time-weighted mean over [0, makespan]; 0 when the makespan is 0
  Time makespan = 0;
};

// The schedule must place every task (Slot::proc >= 0). O(B log B + uses).
MemoryProfile memory_profile(const TaskGraph& graph, const BufferPlan& buffers, const Schedule& schedule);

}  // namespace cnnsched
