#pragma once
// The memory a policy plans with when it knows the off-chip rules of
// sched/offchip/offchip_plan.hpp, in the model of sched/memory/buffer_plan.hpp:
//   - a buffer without a producer (network input tile, weight slice) is loaded
//     before a use and may be dropped after it (its DRAM copy stays valid), so
//     it becomes one buffer per user, resident only around that user; keeping
//     it on chip across uses is the off-chip pass's caching, not a need;
//   - a network output is stored and leaves, so it is no longer kept until the
//     end;
//   - a tile a task produces stays from its producer's start to its last
//     consumer's finish, as on chip.
// A schedule within a capacity in this view needs no feature-map spill in
// the off-chip pass as long as the pass follows its order in time.
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched {

// `work` says which task writes which buffer (a buffer no task writes has no producer).
BufferPlan offchip_residency_view(const BufferPlan& buffers, const TaskWork& work);

}  // namespace cnnsched
