// With interconnect contention the simulation drifts from the plan, never ahead
// of it, and the report says why.
#include <gtest/gtest.h>

#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::contention_test {
namespace {

TEST(Contention, NeverFinishesEarlierThanWithoutContention) {
  const Platform off = test::lenet_platform(false);
  const Platform on = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(off);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  const SimResult quiet = simulate_isolated(cnn, plan, off);
  const SimResult busy = simulate_isolated(cnn, plan, on);
  EXPECT_GE(busy.makespan, quiet.makespan);
  // Without a capacity bound start times are a max over finishes of fixed
  // predecessors and durations only grow: every task is at least as late.
  for (std::size_t t = 0; t < busy.tasks.size(); ++t) {
    EXPECT_GE(busy.tasks[t].start, quiet.tasks[t].start);
    EXPECT_GE(busy.tasks[t].finish, quiet.tasks[t].finish);
  }
  // Four PEs share one scratchpad port: transfers do collide, and that is the
  // whole of the stretch.
  EXPECT_GT(busy.contention_wait, 0);
  EXPECT_EQ(busy.stretch_total, busy.contention_wait);
  EXPECT_EQ(quiet.contention_wait, 0);
}

TEST(Contention, ReportExplainsTheDifference) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  SimOptions options;
  options.trace_dir = test::trace_dir("report");
  options.stem = "heft";
  const SimResult r = simulate(cnn, plan, platform, options);
  ASSERT_GT(r.makespan, r.planned_makespan);
  const std::string text = test::read_text(r.files.report);
  EXPECT_EQ(text, r.report_text);
  EXPECT_NE(text.find("contention on"), std::string::npos);
  EXPECT_NE(text.find("waited " + std::to_string(r.contention_wait) + " ps for the busy scratchpad port"),
            std::string::npos);
  EXPECT_NE(text.find(std::to_string(r.planned_makespan)), std::string::npos);
  EXPECT_NE(text.find(std::to_string(r.makespan)), std::string::npos);
  // Per-port waits add up to the total.
  Time initiator_wait = 0;
  for (const PortContention& p : r.initiator_ports) initiator_wait += p.wait;
  EXPECT_EQ(initiator_wait, r.contention_wait);
  EXPECT_EQ(r.initiator_ports.size(), platform.pes.size());
}

}  // namespace
}  // namespace cnnsched::contention_test
