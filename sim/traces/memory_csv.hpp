#pragma once
// The simulated scratchpad occupancy as CSV, one row per allocation or release:
//   time_ps,bytes_in_use,event,task,buffer,address,bytes
// event is "alloc" or "free"; task is empty for the releases at the makespan.
#include <string>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

void write_memory_csv(const std::string& path, const SimResult& result, const TaskGraph& graph,
                      const BufferPlan& buffers);

}  // namespace cnnsched
