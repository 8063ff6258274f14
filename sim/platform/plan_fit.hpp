#pragma once
// The platform's scratchpad is hard: no code path grows it to fit a plan. A
// plan whose bytes in use exceed it (by the memory model of
// sched/memory/buffer_plan.hpp) cannot run, and the simulator says so before
// it starts: exit code 3 (an InfeasibleCapacity) naming the first task that
// does not fit, the bytes it needs and the smallest scratchpad that works for
// the plan (its first-fit footprint, sched/memory/first_fit_replay.hpp).
// A plan that fits by bytes but not by addresses still runs: tasks wait for
// releases or a compaction (the report counts them).
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

namespace cnnsched {

class ScratchpadTooSmall : public InfeasibleCapacity {
 public:
  ScratchpadTooSmall(const std::string& message, const std::string& task, Bytes needed, Bytes capacity,
                     Bytes smallest)
      : InfeasibleCapacity(task, needed, capacity, smallest), message_(message) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

// Throws ScratchpadTooSmall when the plan's peak exceeds the platform's scratchpad.
void check_plan_fits(const TaskGraph& graph, const PolicyPlan& plan, const Platform& platform);

// The smallest scratchpad with which the plan runs as planned (its first-fit footprint).
Bytes smallest_scratchpad(const PolicyPlan& plan);

}  // namespace cnnsched
