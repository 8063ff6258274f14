#pragma once
// The exact policy: the minimum makespan under a memory capacity for small
// graphs, with the memory model of sched/memory/buffer_plan.hpp and the
// communication costs HEFT uses (an edge's cost only between two processors).
//
// Model (Gecode constraint programming, sched/policies/exact_model.cpp): per
// task a processor and a start; its duration is its cost on that processor.
// Each processor is a unary resource; an edge a -> b needs start(b) >= end(a) +
// comm when the processors differ. Each buffer is a task of the cumulative
// memory resource with a flexible interval [min start of its users, max end of
// its users) (until the makespan when until_end) and its bytes as usage; the
// capacity bounds the sum. Half-open intervals give "frees before allocations",
// and an empty interval uses nothing, exactly as memory_profile counts.
// Identical processors are interchangeable (value precedence breaks that
// symmetry). Branch-and-bound starts from the best heuristic schedule that
// fits (HEFT, memory-aware HEFT, a minimum-peak serial order) and proves it or
// improves it.
//
// The smallest feasible capacity is the minimum over topological orders of the
// peak of running them one at a time: serialising any schedule by start time
// never raises its peak when every task takes time (a buffer live during a
// task in the serial run is live when that task starts in the original), so a
// dynamic programme over the graph's downsets (sched/policies/exact_capacity.cpp)
// gives it exactly.
#include <optional>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// Above this many tasks the exact policy refuses (InputError): the search is
// exponential, and graphs this size already take seconds to minutes.
constexpr int kExactMaxTasks = 24;

struct ExactOptions {
  double time_limit_s = 10;        // wall time for the whole call
  int max_tasks = kExactMaxTasks;  // refuse above (at most kExactMaxTasks)
};

enum class ExactStatus {
  Optimal,     // proven minimum makespan
  BestFound,   // the time limit stopped the proof; the best schedule found
  Infeasible,  // proven: no schedule stays within the capacity
  Unknown,     // the time limit stopped the search before any schedule was found
};

// "optimal", "best-found", "infeasible", "unknown".
const char* exact_status_name(ExactStatus status);

struct ExactResult {
  ExactStatus status = ExactStatus::Unknown;
  Schedule schedule;  // set for Optimal and BestFound (policy "exact")
  // Smallest capacity any schedule meets, when decided (all costs positive).
  std::optional<Bytes> smallest_capacity;
  std::string start_from;  // where the first incumbent came from: heft, memheft, serial or none
  long long nodes = 0;     // search nodes explored by the solver
};

// capacity <= 0: unconstrained. Throws InputError when the graph has more than
// options.max_tasks tasks, or times / bytes too large for the solver's integers.
ExactResult schedule_exact(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity,
                           const ExactOptions& options = {});

// A capacity the exact policy cannot meet: proven infeasible, or no schedule
// found within the time limit (the message says which). Exit code 3.
class ExactInfeasible : public InfeasibleCapacity {
 public:
  ExactInfeasible(Bytes capacity, std::optional<Bytes> smallest, std::string message)
      : InfeasibleCapacity("", smallest.value_or(0), capacity, smallest.value_or(0)),
        message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

// The exact policy as the other policies behave: the schedule (optimal or best
// found), or ExactInfeasible (proven infeasible, or nothing found in time).
Schedule schedule_exact_or_throw(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity,
                                 const ExactOptions& options, ExactStatus* status = nullptr);

// The smallest capacity any valid schedule meets; nullopt when it is not decided
// (a task with zero cost on some processor, more tasks than options.max_tasks,
// or the time limit). Never above memheft_smallest_capacity.
std::optional<Bytes> exact_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers,
                                             const ExactOptions& options = {});

}  // namespace cnnsched
