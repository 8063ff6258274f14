// Temporal decoupling (hw/local_time.hpp): a quantum never changes an
// uncontended run, keeps functional mode bit-exact, and the report states the
// bound when contention makes times depend on the order of calls.
#include <gtest/gtest.h>

#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/isolated_run.hpp>
#include <cnnsched/sim/traces/sim_report.hpp>

#include "sim/functional_test_support.hpp"
#include "sim/sim_test_support.hpp"

namespace cnnsched::quantum_test {
namespace {

constexpr Time kOneMicrosecond = 1'000'000;

std::vector<PolicyPlan> plans_of(const CnnGraph& cnn) { return test::three_plans(cnn); }

TEST(Quantum, OneMicrosecondGivesTheLockStepTimesWithoutContention) {
  Platform lock = test::lenet_platform(false);
  Platform decoupled = lock;
  decoupled.quantum_ps = kOneMicrosecond;
  const CnnGraph cnn = test::lenet_graph(lock);
  for (const PolicyPlan& plan : plans_of(cnn)) {
    SCOPED_TRACE(policy_name(plan.policy));
    const SimResult a = simulate_isolated(cnn, plan, lock);
    const SimResult b = simulate_isolated(cnn, plan, decoupled);
    ASSERT_EQ(a.tasks.size(), b.tasks.size());
    for (std::size_t t = 0; t < a.tasks.size(); ++t) {
      EXPECT_EQ(a.tasks[t].start, b.tasks[t].start) << t;
      EXPECT_EQ(a.tasks[t].finish, b.tasks[t].finish) << t;
    }
    EXPECT_EQ(a.makespan, b.makespan);
    EXPECT_EQ(b.quantum_ps, kOneMicrosecond);
    EXPECT_EQ(b.burst_error_bound_ps, 0);  // exact without contention
    EXPECT_NE(sim_report_text(b).find("temporal decoupling: quantum 1000000 ps; exact"), std::string::npos);
  }
}

TEST(Quantum, ContendedRunStatesItsBoundAndStaysWithinTheScratchpad) {
  Platform p = test::lenet_platform(true);
  p.quantum_ps = kOneMicrosecond;
  const CnnGraph cnn = test::lenet_graph(p);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  const SimResult r = simulate_isolated(cnn, plan, p);
  const Time burst = p.interconnect.occupancy(p.max_burst_bytes);
  EXPECT_EQ(r.burst_error_bound_ps, static_cast<Time>(p.pes.size() - 1) * (kOneMicrosecond + burst));
  EXPECT_LE(r.peak, r.scratchpad_bytes);
  EXPECT_NE(sim_report_text(r).find("may start up to " + std::to_string(r.burst_error_bound_ps) + " ps"),
            std::string::npos);
}

TEST(Quantum, FunctionalModeStaysBitExactWithAQuantum) {
  Platform p = test::lenet_platform(true);
  p.quantum_ps = kOneMicrosecond;
  const Network net = load_network(test::source_path("configs/networks/lenet5_c1s2c3.json"));
  const CnnGraph cnn = build_cnn_graph(net, p);
  for (const PolicyPlan& plan : plans_of(cnn)) {
    SCOPED_TRACE(policy_name(plan.policy));
    const SimResult r = test::simulate_functional(net, cnn, plan, p);
    ASSERT_TRUE(r.functional_checked);
    EXPECT_TRUE(r.functional_ok) << r.functional_mismatches;
  }
}

TEST(Quantum, PlatformFileReadsQuantumNs) {
  nlohmann::json cfg =
      nlohmann::json::parse(test::read_text(test::source_path("configs/platforms/default.json")));
  cfg["interconnect"]["quantum_ns"] = 250;
  EXPECT_EQ(parse_platform(cfg, "p.json").quantum_ps, 250'000);
  cfg["interconnect"]["quantum_ns"] = -1;
  try {
    parse_platform(cfg, "p.json");
    FAIL() << "a negative quantum was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("quantum_ns"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cnnsched::quantum_test
