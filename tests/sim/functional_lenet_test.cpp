// Functional mode on LeNet-5: real data through the TLM model agrees bit for
// bit with the untiled reference under every policy, and changes no timing.
#include <algorithm>
#include <gtest/gtest.h>

#include <cnnsched/sim/platform/plan_fit.hpp>

#include "functional_test_support.hpp"

namespace cnnsched::functional_lenet_test {
namespace {

TEST(FunctionalLenet, BitExactUnderEveryPolicy) {
  const Platform platform = test::lenet_platform(false);
  test::expect_bit_exact(test::network_config("configs/networks/lenet5.json"), platform, "lenet5");
}

TEST(FunctionalLenet, TimingAndTrafficEqualTimingModeUnderContention) {
  const Platform platform = test::lenet_platform(true);
  const Network net = test::network_config("configs/networks/lenet5.json");
  const CnnGraph cnn = build_cnn_graph(net, platform);
  for (const PolicyPlan& plan : test::three_plans(cnn)) {
    SCOPED_TRACE(policy_name(plan.policy));
    const SimResult timing = simulate_isolated(cnn, plan, platform);
    const SimResult functional = test::simulate_functional(net, cnn, plan, platform, false);
    EXPECT_FALSE(timing.functional_checked);
    ASSERT_TRUE(functional.functional_checked);
    EXPECT_TRUE(functional.functional_ok) << functional.functional_mismatches;
    EXPECT_EQ(functional.makespan, timing.makespan);
    EXPECT_EQ(functional.peak, timing.peak);
    ASSERT_EQ(functional.tasks.size(), timing.tasks.size());
    for (std::size_t t = 0; t < timing.tasks.size(); ++t) {
      EXPECT_EQ(functional.tasks[t].start, timing.tasks[t].start) << t;
      EXPECT_EQ(functional.tasks[t].finish, timing.tasks[t].finish) << t;
    }
    // The same timed transactions: count and bytes per port.
    ASSERT_EQ(functional.initiator_ports.size(), timing.initiator_ports.size());
    for (std::size_t p = 0; p < timing.initiator_ports.size(); ++p) {
      EXPECT_EQ(functional.initiator_ports[p].transactions, timing.initiator_ports[p].transactions);
      EXPECT_EQ(functional.initiator_ports[p].bytes, timing.initiator_ports[p].bytes);
    }
    ASSERT_EQ(functional.target_ports.size(), timing.target_ports.size());
    EXPECT_EQ(functional.target_ports[0].transactions, timing.target_ports[0].transactions);
    EXPECT_EQ(functional.contention_wait, timing.contention_wait);
    EXPECT_NE(functional.report_text.find("functional check"), std::string::npos);
    EXPECT_EQ(timing.report_text.find("functional check"), std::string::npos);
  }
}

TEST(FunctionalLenet, WiderElementsAreBitExactToo) {
  for (int bytes : {2, 4}) {
    Platform platform = test::lenet_platform(false);
    Network net = test::network_config("configs/networks/lenet5.json");
    net.element_bytes = bytes;
    const CnnGraph cnn = build_cnn_graph(net, platform);
    const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
    // Wider elements need more than 64 KiB, and a scratchpad never grows: size it.
    platform.scratchpad_bytes = std::max(platform.scratchpad_bytes, smallest_scratchpad(plan));
    const SimResult r = test::simulate_functional(net, cnn, plan, platform);
    ASSERT_TRUE(r.functional_checked) << bytes;
    EXPECT_TRUE(r.functional_ok) << bytes << ": " << r.functional_mismatches;
  }
}

TEST(FunctionalLenet, UnsupportedWidthIsAnInputError) {
  Platform platform = test::lenet_platform(false);
  Network net = test::network_config("configs/networks/lenet5.json");
  net.element_bytes = 3;
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  platform.scratchpad_bytes = std::max(platform.scratchpad_bytes, smallest_scratchpad(plan));
  EXPECT_THROW(test::simulate_functional(net, cnn, plan, platform), InputError);
  SimOptions no_network;
  no_network.functional = true;
  EXPECT_THROW(simulate_isolated(cnn, plan, platform, no_network), std::logic_error);
}

}  // namespace
}  // namespace cnnsched::functional_lenet_test
