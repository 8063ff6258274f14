// Without interconnect contention the simulated schedule IS the plan: every
// task starts and finishes at its planned time, for every policy.
#include <algorithm>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::plan_match_test {
namespace {

void expect_plan_reproduced(const PolicyPlan& plan, const SimResult& r) {
  SCOPED_TRACE(policy_name(plan.policy));
  ASSERT_EQ(r.tasks.size(), plan.schedule.slots.size());
  for (const SimTaskTime& t : r.tasks) {
    const Slot& s = plan.schedule.slots[static_cast<std::size_t>(t.task)];
    EXPECT_EQ(t.pe, s.proc) << "task " << t.task;
    EXPECT_EQ(t.start, s.start) << "task " << t.task;
    EXPECT_EQ(t.finish, s.finish) << "task " << t.task;
  }
  EXPECT_EQ(r.makespan, plan.schedule.makespan());
  EXPECT_EQ(r.peak, plan.profile.peak_bytes);
  EXPECT_EQ(r.tasks_mismatched, 0u);
  EXPECT_EQ(r.contention_wait, 0);
}

TEST(PlanMatch, SimulationEqualsPlanWithoutContentionForEveryPolicy) {
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan heft = plan_policy(cnn, Policy::Heft);
  // memheft under a real bound (below HEFT's peak), so memory waits are part of the plan.
  Bytes capacity = heft.profile.peak_bytes * 3 / 4;
  try {
    plan_policy(cnn, Policy::MemHeft, capacity);
  } catch (const InfeasibleCapacity& e) {
    capacity = e.smallest_feasible();
  }
  ASSERT_LT(capacity, heft.profile.peak_bytes);
  const PolicyPlan plans[] = {plan_policy(cnn, Policy::LayerByLayer), heft,
                              plan_policy(cnn, Policy::MemHeft, capacity)};
  for (const PolicyPlan& plan : plans) expect_plan_reproduced(plan, simulate_isolated(cnn, plan, platform));
}

// Memory-aware HEFT adopts HEFT's schedule or its run at a smaller capacity
// when faster (issue #19, item 4); the simulation still follows the plan.
TEST(PlanMatch, MemheftPlansAdoptedFromOtherRunsAreReproduced) {
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = test::lenet_graph(platform);
  const Bytes heft_peak = plan_policy(cnn, Policy::Heft).profile.peak_bytes;
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  int from_smaller = 0, as_heft = 0;
  Time previous = 0;
  for (Bytes cap = smallest; cap <= heft_peak + heft_peak / 8; cap += (heft_peak - smallest) / 24) {
    SCOPED_TRACE("capacity " + std::to_string(cap));
    const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft, cap);
    if (cap > smallest) {
      EXPECT_LE(plan.schedule.makespan(), previous);
    }
    previous = plan.schedule.makespan();
    from_smaller += plan.schedule.dispatch_capacity > 0 ? 1 : 0;
    as_heft += cap >= heft_peak ? 1 : 0;
    expect_plan_reproduced(plan, simulate_isolated(cnn, plan, platform));
  }
  EXPECT_GT(from_smaller, 0);  // the case is exercised
  EXPECT_GT(as_heft, 0);
}

TEST(PlanMatch, LayerBarrierHoldsUnderContention) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::LayerByLayer);
  const SimResult r = simulate(cnn, plan, platform);
  const TaskGraph& g = cnn.graph;
  for (const SimTaskTime& a : r.tasks) {
    for (const SimTaskTime& b : r.tasks) {
      if (g.layer(a.task) < g.layer(b.task)) {
        EXPECT_LE(a.finish, b.start) << g.name(a.task) << " / " << g.name(b.task);
      }
    }
  }
}

TEST(PlanMatch, EveryPeRunsItsTasksInPlanOrderUnderContention) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  const SimResult r = simulate(cnn, plan, platform);
  std::vector<SimTaskTime> by_plan = r.tasks;
  std::sort(by_plan.begin(), by_plan.end(), [](const SimTaskTime& a, const SimTaskTime& b) {
    return a.pe != b.pe ? a.pe < b.pe : a.planned_start < b.planned_start;
  });
  for (std::size_t i = 1; i < by_plan.size(); ++i) {
    if (by_plan[i].pe != by_plan[i - 1].pe) continue;
    EXPECT_LE(by_plan[i - 1].finish, by_plan[i].start);  // one task at a time, in plan order
  }
  // Dependences hold in the simulated times too.
  for (EdgeId e = 0; e < cnn.graph.num_edges(); ++e) {
    const Edge& edge = cnn.graph.edge(e);
    EXPECT_LE(r.tasks[static_cast<std::size_t>(edge.from)].finish,
              r.tasks[static_cast<std::size_t>(edge.to)].start);
  }
}

}  // namespace
}  // namespace cnnsched::plan_match_test
