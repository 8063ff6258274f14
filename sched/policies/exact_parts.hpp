#pragma once
// The two halves of the exact policy (sched/policies/exact.hpp), internal to it:
// the minimum-peak serial order (exact_capacity.cpp) and the constraint model
// with its branch-and-bound (exact_model.cpp).
#include <chrono>
#include <optional>
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched::exact_detail {

using Clock = std::chrono::steady_clock;

struct SerialOrder {
  Bytes peak = 0;
  std::vector<TaskId> order;  // a topological order reaching that peak when run one at a time
};

// The topological order whose one-at-a-time run has the lowest peak, by dynamic
// programming over downsets; nullopt past the deadline or above 4 M downsets.
std::optional<SerialOrder> min_peak_serial_order(const TaskGraph& graph, const BufferPlan& buffers,
                                                 Clock::time_point deadline);

// The order run back to back on the processor where its total cost is least.
Schedule serial_schedule(const TaskGraph& graph, const std::vector<TaskId>& order, Bytes capacity);

// Whether every task takes time on every processor (the serial argument needs it).
bool all_costs_positive(const TaskGraph& graph);

struct SolveResult {
  std::optional<Schedule> best;  // strictly better than the bound given, when found
  bool complete = false;         // the search space was exhausted (no better schedule exists)
  long long nodes = 0;
};

// How the search branches: task by task in rank order (its processor, then its
// start), or on the earliest-starting task first and the processors last.
// Neither dominates the other on random graphs, so the policy runs both.
enum class Branching { TaskByTask, EarliestStart };

// Branch-and-bound for a schedule with makespan < below (below <= 0: any), peak
// within capacity (<= 0: none), stopping at the deadline.
SolveResult solve_cp(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity, Time below,
                     Clock::time_point deadline, Branching branching);

}  // namespace cnnsched::exact_detail
