// Where the scratchpad sits in the address map changes no simulated time.
#include <gtest/gtest.h>
#include <stdexcept>

#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim/sim_test_support.hpp"

namespace cnnsched::address_map_test {
namespace {

TEST(AddressMap, NonZeroScratchpadBaseGivesTheSameTimes) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft);
  Platform moved = platform;
  moved.scratchpad_base = 0x1000'0000;
  const SimResult a = simulate_isolated(cnn, plan, platform);
  const SimResult b = simulate_isolated(cnn, plan, moved);
  EXPECT_EQ(b.makespan, a.makespan);
  EXPECT_EQ(b.peak, a.peak);
  ASSERT_EQ(b.tasks.size(), a.tasks.size());
  for (std::size_t t = 0; t < a.tasks.size(); ++t) {
    EXPECT_EQ(b.tasks[t].start, a.tasks[t].start) << "task " << t;
    EXPECT_EQ(b.tasks[t].finish, a.tasks[t].finish) << "task " << t;
  }
}

TEST(AddressMap, AcceleratorRefusesRegistersInsideTheScratchpad) {
  Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  platform.register_base = 0x100;
  EXPECT_NE(platform.address_overlap().find("overlaps the registers"), std::string::npos);
  SocOptions soc;
  soc.register_base = 0x100;
  try {
    Accelerator acc("accelerator", platform, cnn.graph, plan, false, false, soc);
    ADD_FAILURE() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("overlaps the registers [0x100, 0x1100)"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cnnsched::address_map_test
