#pragma once
// One scheduling policy applied to a CNN tile graph, with everything the
// simulator and the reports need: the buffers the policy's memory model uses,
// the work addressed in those buffers, the validated schedule and its planned
// memory profile.
#include <optional>
#include <string>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/exact.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

enum class Policy { LayerByLayer, Heft, MemHeft, Exact };

// "layer", "heft", "memheft", "exact".
const char* policy_name(Policy policy);
// Throws InputError(source, "", allowed names) for anything else.
Policy parse_policy(const std::string& name, const std::string& source = "policy");

struct PolicyPlan {
  Policy policy = Policy::Heft;
  BufferPlan buffers;  // tile buffers (heft, memheft) or per-layer groups (layer)
  TaskWork work;       // addressed in `buffers`
  Schedule schedule;
  Bytes capacity = 0;                       // the bound memheft or exact honoured, 0 = none
  std::optional<ExactStatus> exact_status;  // exact: optimal or best-found
  ValidationReport report;
  MemoryProfile profile;
};

// Layer-by-layer uses the buffers grouped per layer (cnn.layer_grouping),
// HEFT, memheft and exact the tile buffers. `capacity` applies to memheft and
// exact only (<= 0: unconstrained); they throw InfeasibleCapacity when they
// cannot meet it, and exact refuses graphs above its size limit (InputError). A schedule that fails
// validation is an internal error (std::logic_error listing the violations).
PolicyPlan plan_policy(const CnnGraph& cnn, Policy policy, Bytes capacity = 0,
                       const ExactOptions& exact = {});

}  // namespace cnnsched
