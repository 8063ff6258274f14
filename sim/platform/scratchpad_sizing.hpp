#pragma once
// How large the simulated scratchpad must be for a plan.
//
// A plan's peak counts bytes, but the scratchpad places buffers at addresses
// (first fit, sched/address_allocator.hpp), so holes can make an allocation fail
// even when the bytes are there. first_fit_footprint() replays the plan's
// allocations and releases exactly in the order the dispatcher performs them
// when the simulation follows the plan (tasks in plan order: planned start, then
// commit order; at one instant releases first) and returns the highest address
// first fit reaches: a scratchpad of that size never fails while the
// simulation follows the plan.
#include <cstdint>
#include <vector>

#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// Tasks by planned start, ties by the position in Schedule::order (tasks not in
// it last, by id): the order the dispatcher starts tasks that are ready at once.
std::vector<TaskId> plan_order(const Schedule& schedule);

Bytes first_fit_footprint(const BufferPlan& buffers, const Schedule& schedule);

}  // namespace cnnsched
