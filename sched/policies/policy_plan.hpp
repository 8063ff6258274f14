#pragma once
// One scheduling policy applied to a CNN tile graph, with everything the
// simulator and the reports need: the buffers the policy's memory model uses,
// the work addressed in those buffers, the validated schedule and its planned
// memory profile.
#include <memory>
#include <optional>
#include <string>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/offchip/offchip_plan.hpp>
#include <cnnsched/sched/platform.hpp>
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
  // The policy's plan of the compute tasks (on the PEs).
  BufferPlan buffers;  // tile buffers (heft, memheft) or per-layer groups (layer)
  TaskWork work;       // addressed in `buffers`
  Schedule schedule;
  Bytes capacity = 0;                       // the bound memheft or exact honoured, 0 = none
  std::optional<ExactStatus> exact_status;  // exact: optimal or best-found
  // With off-chip DRAM (a platform with "dram"): the policy's plan with the
  // DMA tasks that load, store, spill and reload, within the scratchpad. Null
  // for the on-chip model, where the policy's plan is what runs.
  std::shared_ptr<const OffchipPlan> offchip;
  // What runs (the off-chip plan when there is one): validated against the
  // bound that applies to it, and its planned memory profile.
  ValidationReport report;
  MemoryProfile profile;

  const TaskGraph& run_graph(const CnnGraph& cnn) const { return offchip ? offchip->graph : cnn.graph; }
  const BufferPlan& run_buffers() const { return offchip ? offchip->buffers : buffers; }
  const TaskWork& run_work() const { return offchip ? offchip->work : work; }
  const Schedule& run_schedule() const { return offchip ? offchip->schedule : schedule; }
  // The bound the run honours: the scratchpad with DRAM, else the policy's capacity.
  Bytes run_capacity() const { return offchip ? offchip->schedule.capacity : capacity; }
};

// Layer-by-layer uses the buffers grouped per layer (cnn.layer_grouping),
// HEFT, memheft and exact the tile buffers. `capacity` applies to memheft and
// exact only (<= 0: unconstrained); they throw InfeasibleCapacity when they
// cannot meet it, and exact refuses graphs above its size limit (InputError). A schedule that fails
// validation is an internal error (std::logic_error listing the violations).
PolicyPlan plan_policy(const CnnGraph& cnn, Policy policy, Bytes capacity = 0,
                       const ExactOptions& exact = {});

// The plan for a platform: without DRAM the above. With DRAM the scratchpad's
// size is a hard bound for every policy: memheft and exact plan within
// min(capacity, scratchpad) (memheft with the off-chip residency rules,
// sched/offchip/residency_view.hpp, and when that view cannot meet the bound
// within the smallest capacity it can), and the off-chip pass
// (sched/offchip/offchip_plan.hpp) adds the transfers (replaying memheft's
// plan in its order), with the layer barrier for layer-by-layer, which uses the
// tile buffers here (a layer's output that does not fit leaves tile by tile, as
// in the fused-layer papers' baseline). Throws
// InfeasibleCapacity when one task alone needs more than the scratchpad.
PolicyPlan plan_policy(const CnnGraph& cnn, Policy policy, const Platform& platform, Bytes capacity = 0,
                       const ExactOptions& exact = {});

}  // namespace cnnsched
