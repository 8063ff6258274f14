#pragma once
// Schedules as JSON:
//   { "policy": "heft", "makespan": 80, "peak_memory_bytes": 512, "capacity": 0,
//     "processors": ["P1", "P2", "P3"],
//     "tasks": [ {"id": "t1", "processor": "P3", "start": 0, "finish": 9} ],
//     "order": ["t1", "t3", ...] }
// tasks are listed in task-id order; order is the scheduler's commit order.
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

void write_schedule_json(std::ostream& out, const TaskGraph& graph, const Schedule& schedule,
                         Bytes peak_memory_bytes);

// Reads a schedule for `graph` (tasks and processors by name). Every task must
// appear exactly once; problems throw InputError(source, field, ...). Whether
// the schedule is valid is the validator's business.
Schedule load_schedule_json(const std::string& path, const TaskGraph& graph);
Schedule parse_schedule_json(const nlohmann::json& doc, const std::string& source, const TaskGraph& graph);

}  // namespace cnnsched
