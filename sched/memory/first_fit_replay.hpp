#pragma once
// Replays a plan's allocations and releases in the scratchpad's first-fit
// allocator (sched/memory/address_allocator.hpp) exactly in the order the
// simulator's dispatcher performs them when the run follows the plan (tasks in
// plan order: planned start, then commit order; at one instant releases
// first). No scratchpad ever grows to fit a plan: this is how a plan is checked
// against the platform's scratchpad before it runs, and how the smallest
// scratchpad that works for it is found.
#include <cstdint>
#include <vector>

#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// Tasks by planned start, ties by the position in Schedule::order (tasks not in
// it last, by id): the order the dispatcher starts tasks that are ready at once.
std::vector<TaskId> plan_order(const Schedule& schedule);

struct FirstFitReplay {
  Bytes footprint = 0;  // highest address first fit reaches: a scratchpad this large never fails
  Bytes peak = 0;       // most bytes in use at once
  // The first task (plan order) whose allocations take the bytes in use above
  // `capacity`, the bytes it allocates and those in use before it; -1 if none.
  TaskId first_over = -1;
  Bytes first_over_needs = 0;
  Bytes first_over_in_use = 0;
};

FirstFitReplay replay_first_fit(const BufferPlan& buffers, const Schedule& schedule, Bytes capacity);

}  // namespace cnnsched
