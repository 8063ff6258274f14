// The TLM-2.0 checkers wired between the PEs and the router see every timed
// transaction of a whole run and find no violation, under every policy.
#include <gtest/gtest.h>

#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::tlm_checks_test {
namespace {

TEST(TlmChecks, EveryPeTransactionOfARunIsChecked) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  SimOptions checked;
  checked.check_tlm = true;
  for (Policy policy : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft}) {
    const PolicyPlan plan = plan_policy(cnn, policy);
    const SimResult r = simulate_isolated(cnn, plan, platform, checked);
    std::uint64_t transactions = 0;
    for (const PortContention& port : r.initiator_ports) transactions += port.transactions;
    EXPECT_GT(transactions, 0u) << policy_name(policy);
    EXPECT_EQ(r.tlm_transactions_checked, transactions) << policy_name(policy);
  }
  SimOptions unchecked;
  unchecked.check_tlm = false;
  EXPECT_EQ(
      simulate_isolated(cnn, plan_policy(cnn, Policy::Heft), platform, unchecked).tlm_transactions_checked,
      0u);
}

}  // namespace
}  // namespace cnnsched::tlm_checks_test
