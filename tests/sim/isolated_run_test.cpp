// Simulations in child processes: results come back intact, failures come back
// as exceptions, and a plan that cannot progress stops instead of hanging.
#include <csignal>
#include <cstdlib>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/isolated_run.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::isolated_run_test {
namespace {

TEST(IsolatedRun, ResultEqualsAnInProcessRun) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  const SimResult child = simulate_isolated(cnn, plan, platform);  // first: this process has not elaborated
  const SimResult here = simulate(cnn, plan, platform);
  EXPECT_EQ(child.makespan, here.makespan);
  EXPECT_EQ(child.peak, here.peak);
  EXPECT_EQ(child.report_text, here.report_text);
  ASSERT_EQ(child.tasks.size(), here.tasks.size());
  for (std::size_t t = 0; t < here.tasks.size(); ++t) {
    EXPECT_EQ(child.tasks[t].start, here.tasks[t].start);
    EXPECT_EQ(child.tasks[t].finish, here.tasks[t].finish);
    EXPECT_EQ(child.tasks[t].limit, here.tasks[t].limit);
  }
  ASSERT_EQ(child.memory_events.size(), here.memory_events.size());
  EXPECT_EQ(child.memory_events.back().in_use, 0);
}

TEST(IsolatedRun, StalledPlanStopsWithAClearError) {
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = test::lenet_graph(platform);
  PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  plan.capacity = 1;  // no task's buffers fit: nothing can ever start
  try {
    simulate_isolated(cnn, plan, platform);
    FAIL() << "a stalled simulation returned";
  } catch (const SimulationError& e) {
    EXPECT_NE(std::string(e.what()).find("stalled"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bound 1"), std::string::npos) << e.what();
  }
}

TEST(IsolatedRun, ChildCrashBecomesAnException) {
  try {
    run_isolated([]() -> nlohmann::json { std::abort(); });
    FAIL() << "a crashed child returned";
  } catch (const SimulationError& e) {
    EXPECT_NE(std::string(e.what()).find("signal " + std::to_string(SIGABRT)), std::string::npos) << e.what();
  }
}

TEST(IsolatedRun, ErrorKindsSurviveTheProcessBoundary) {
  EXPECT_THROW(
      run_isolated([]() -> nlohmann::json { throw InputError("net.json", "layers[0].kernel", "bad"); }),
      InputError);
  try {
    run_isolated(
        []() -> nlohmann::json { throw InputError("net.json", "layers[0].kernel", "must be positive"); });
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "net.json");
    EXPECT_EQ(e.field(), "layers[0].kernel");
    EXPECT_EQ(std::string(e.what()), InputError("net.json", "layers[0].kernel", "must be positive").what());
  }
  try {
    run_isolated([]() -> nlohmann::json { throw InfeasibleCapacity("C1[r0,c0,k0]", 10, 5, 12); });
    FAIL();
  } catch (const InfeasibleCapacity& e) {
    EXPECT_EQ(e.smallest_feasible(), 12);
    EXPECT_EQ(e.task(), "C1[r0,c0,k0]");
  }
  EXPECT_THROW(run_isolated([]() -> nlohmann::json { throw std::logic_error("bug"); }), std::logic_error);
  EXPECT_EQ(run_isolated([] { return nlohmann::json{{"x", 42}}; }).at("x"), 42);
}

}  // namespace
}  // namespace cnnsched::isolated_run_test
