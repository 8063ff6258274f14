#include <stdexcept>

#include <cnnsched/sched/errors.hpp>
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
  if (!plan.report.ok) {
    std::string what = std::string(policy_name(policy)) + " produced an invalid schedule (" +
                       std::to_string(plan.report.num_violations) + " violations):";
    for (const std::string& v : plan.report.violations) what += "\n  " + v;
    throw std::logic_error(what);
  }
  plan.profile = memory_profile(cnn.graph, plan.buffers, plan.schedule);
  return plan;
}

}  // namespace cnnsched
