#pragma once
// Task graphs as JSON, read from users and written for them:
//
//   { "processors": ["P1", "P2"],
//     "tasks": [ {"id": "t1", "cost": [14, 16], "output_bytes": 64, "layer": 0} ],
//     "edges": [ {"from": "t1", "to": "t2", "cost": 18, "bytes": 64} ],
//     "buffers": [ {"id": "b", "bytes": 64, "users": ["t1", "t2"], "until_end": false} ],
//     "memory_capacity": 1024 }
//
// "cost" of a task: one non-negative integer per processor (or one integer for
// all). Optional: output_bytes (0), layer (none; else 0 <= layer < #tasks), the
// edge's cost (0) and bytes (0), memory_capacity (0 = none), name, description.
// Without "buffers", each task with output_bytes > 0 gets a buffer used by it and
// its successors (BufferPlan::from_outputs); with "buffers" (then no task may give
// output_bytes) those buffers are the memory model's buffers exactly, so a CNN
// graph written by write_dag_json reads back with the same memory behaviour.
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched {

struct DagFile {
  TaskGraph graph;  // finalized; processors with identical cost columns share a class
  BufferPlan buffers;
  Bytes memory_capacity = 0;  // 0: the file gives none
};

// Every problem (unreadable, not JSON, missing field, wrong type, negative
// number, wrong-length cost list, unknown or duplicate id, cycle, costs whose
// total overflows) throws InputError(source, field such as "tasks[3].cost", ...).
DagFile load_dag_json(const std::string& path);
DagFile parse_dag_json(const nlohmann::json& doc, const std::string& source);

// Writes the format above with explicit buffers and layers (when known).
void write_dag_json(std::ostream& out, const TaskGraph& graph, const BufferPlan& buffers,
                    Bytes memory_capacity = 0);

}  // namespace cnnsched
