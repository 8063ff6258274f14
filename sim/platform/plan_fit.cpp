#include <algorithm>

#include <cnnsched/sched/memory/first_fit_replay.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>

namespace cnnsched {

Bytes smallest_scratchpad(const PolicyPlan& plan) {
  const FirstFitReplay r = replay_first_fit(plan.run_buffers(), plan.run_schedule(), plan.profile.peak_bytes);
  return std::max<Bytes>({r.footprint, plan.profile.peak_bytes, 1});
}

void check_plan_fits(const TaskGraph& graph, const PolicyPlan& plan, const Platform& platform) {
  if (plan.profile.peak_bytes <= platform.scratchpad_bytes) return;
  const FirstFitReplay r =
      replay_first_fit(plan.run_buffers(), plan.run_schedule(), platform.scratchpad_bytes);
  const Bytes smallest = std::max<Bytes>({r.footprint, plan.profile.peak_bytes, 1});
  const TaskGraph& run = plan.offchip ? plan.offchip->graph : graph;
  const std::string task = r.first_over >= 0 ? run.name(r.first_over) : "?";
  const std::string message =
      "platform '" + platform.name + "': the " + policy_name(plan.policy) + " plan does not fit its " +
      std::to_string(platform.scratchpad_bytes) + "-byte scratchpad: task '" + task + "' needs " +
      std::to_string(r.first_over_needs) + " bytes with " + std::to_string(r.first_over_in_use) +
      " in use (the plan's peak is " + std::to_string(plan.profile.peak_bytes) +
      " bytes); the smallest scratchpad that works for this plan is " + std::to_string(smallest) +
      " bytes. The scratchpad never grows: give the platform that much, plan memheft with a capacity "
      "or slice the network finer";
  throw ScratchpadTooSmall(message, task, r.first_over_needs, platform.scratchpad_bytes, smallest);
}

}  // namespace cnnsched
