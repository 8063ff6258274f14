#pragma once
// The layer-by-layer baseline: every task of layer L finishes before any task of
// layer L+1 starts. Inside a layer, tasks go in decreasing upward rank onto the
// processor where they finish earliest (lower index on ties), appended after the
// processor's last task. Schedule::order is the commit order.
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// Throws std::invalid_argument naming the task when a task has no layer (-1) or
// a predecessor in the same or a later layer.
Schedule schedule_layer_by_layer(const TaskGraph& graph);

}  // namespace cnnsched
