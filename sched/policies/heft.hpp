#pragma once
// HEFT, insertion-based (Topcuoglu, Hariri, Wu, IEEE TPDS 2002): tasks in
// decreasing upward rank, each on the processor where it finishes earliest,
// possibly in an idle gap between tasks already placed there.
//
// Ties: equal ranks keep topological order (see rank_order); equal finish times
// take the lower processor index. Communication costs nothing between tasks on
// the same processor. Schedule::order is the rank order (the commit order).
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

Schedule schedule_heft(const TaskGraph& graph);

}  // namespace cnnsched
