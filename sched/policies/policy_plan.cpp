#include <algorithm>
#include <stdexcept>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/offchip/residency_view.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

namespace cnnsched {

const char* policy_name(Policy policy) {
  switch (policy) {
    case Policy::LayerByLayer:
      return "layer";
    case Policy::Heft:
      return "heft";
    case Policy::MemHeft:
      return "memheft";
    case Policy::Exact:
      return "exact";
  }
  return "?";
}

Policy parse_policy(const std::string& name, const std::string& source) {
  for (Policy p : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft, Policy::Exact})
    if (name == policy_name(p)) return p;
  throw InputError(source, "", "unknown policy '" + name + "' (allowed: layer, heft, memheft, exact)");
}

namespace {

void check_valid(const ValidationReport& report, const std::string& what_plan) {
  if (report.ok) return;
  std::string what =
      what_plan + " produced an invalid schedule (" + std::to_string(report.num_violations) + " violations):";
  for (const std::string& v : report.violations) what += "\n  " + v;
  throw std::logic_error(what);
}

// memheft with DRAM: planned in the off-chip residency view
// (sched/offchip/residency_view.hpp), within `capacity` or, when that view
// cannot meet it, within the smallest capacity it can. The plan keeps the tile
// buffers: the off-chip pass works on them.
PolicyPlan memheft_offchip(const CnnGraph& cnn, Bytes capacity) {
  const BufferPlan view = offchip_residency_view(cnn.buffers, cnn.work);
  PolicyPlan plan;
  plan.policy = Policy::MemHeft;
  try {
    plan.schedule = schedule_memheft(cnn.graph, view, capacity);
    plan.capacity = capacity;
  } catch (const InfeasibleCapacity& e) {
    plan.capacity = e.smallest_feasible();
    plan.schedule = schedule_memheft(cnn.graph, view, plan.capacity);
  }
  check_valid(validate(cnn.graph, view, plan.schedule, plan.capacity), "memheft (off-chip residency)");
  plan.buffers = cnn.buffers;
  plan.work = cnn.work;
  return plan;
}

}  // namespace

PolicyPlan plan_policy(const CnnGraph& cnn, Policy policy, const Platform& platform, Bytes capacity,
                       const ExactOptions& exact) {
  if (!platform.has_dram) return plan_policy(cnn, policy, capacity, exact);
  const Bytes bound =
      capacity > 0 ? std::min(capacity, platform.scratchpad_bytes) : platform.scratchpad_bytes;
  PolicyPlan plan =
      policy == Policy::MemHeft ? memheft_offchip(cnn, bound) : plan_policy(cnn, policy, bound, exact);
  if (policy == Policy::LayerByLayer) {  // tile buffers, so a layer's output may leave in parts
    plan.buffers = cnn.buffers;
    plan.work = cnn.work;
  }
  OffchipRequest request;
  request.graph = &cnn.graph;
  request.buffers = &plan.buffers;
  request.work = &plan.work;
  request.schedule = &plan.schedule;
  request.platform = &platform;
  request.capacity = platform.scratchpad_bytes;
  request.layer_barrier = policy == Policy::LayerByLayer;
  request.in_order = policy == Policy::MemHeft;
  auto offchip = std::make_shared<OffchipPlan>(plan_offchip(request));
  plan.report = validate(offchip->graph, offchip->buffers, offchip->schedule, platform.scratchpad_bytes);
  check_valid(plan.report, std::string(policy_name(policy)) + " with off-chip transfers");
  plan.profile = memory_profile(offchip->graph, offchip->buffers, offchip->schedule);
  plan.offchip = std::move(offchip);
  return plan;
}

PolicyPlan plan_policy(const CnnGraph& cnn, Policy policy, Bytes capacity, const ExactOptions& exact) {
  PolicyPlan plan;
  plan.policy = policy;
  switch (policy) {
    case Policy::LayerByLayer: {
      BufferPlan::Grouped grouped = cnn.buffers.grouped(cnn.layer_grouping);
      plan.work = cnn.work.regrouped(grouped);
      plan.buffers = std::move(grouped.plan);
      plan.schedule = schedule_layer_by_layer(cnn.graph);
      break;
    }
    case Policy::Heft:
      plan.buffers = cnn.buffers;
      plan.work = cnn.work;
      plan.schedule = schedule_heft(cnn.graph);
      break;
    case Policy::MemHeft:
      plan.buffers = cnn.buffers;
      plan.work = cnn.work;
      plan.capacity = capacity > 0 ? capacity : 0;
      plan.schedule = schedule_memheft(cnn.graph, plan.buffers, plan.capacity);
      break;
    case Policy::Exact: {
      plan.buffers = cnn.buffers;
      plan.work = cnn.work;
      plan.capacity = capacity > 0 ? capacity : 0;
      ExactStatus status = ExactStatus::Unknown;
      plan.schedule = schedule_exact_or_throw(cnn.graph, plan.buffers, plan.capacity, exact, &status);
      plan.exact_status = status;
      break;
    }
  }
  plan.report = validate(cnn.graph, plan.buffers, plan.schedule, plan.capacity);
  check_valid(plan.report, policy_name(policy));
  plan.profile = memory_profile(cnn.graph, plan.buffers, plan.schedule);
  return plan;
}

}  // namespace cnnsched
