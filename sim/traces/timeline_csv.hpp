#pragma once
// The executed schedule next to the plan as CSV, one row per task:
//   task,layer,tile,pe,planned_start_ps,planned_finish_ps,actual_start_ps,actual_finish_ps,limit
// layer is the layer's name (the task name up to '['), tile "r<i>c<j>k<m>", and
// limit the start condition the task waited for last (see StartLimit).
#include <string>
#include <vector>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

// `graph` is the graph that ran (PolicyPlan::run_graph): transfer tasks have no tile.
void write_timeline_csv(const std::string& path, const SimResult& result, const CnnGraph& cnn,
                        const TaskGraph& graph);

// "C1" for "C1[r0,c0,k0]"; the whole name when it has no tile suffix.
std::string layer_of_task_name(const std::string& task_name);

}  // namespace cnnsched
