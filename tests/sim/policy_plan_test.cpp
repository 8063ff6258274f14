// plan_policy picks the right memory model per policy and validates.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::policy_plan_test {
namespace {

TEST(PolicyPlanTest, NamesRoundTripAndUnknownNamesAreInputErrors) {
  for (Policy p : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft})
    EXPECT_EQ(parse_policy(policy_name(p)), p);
  EXPECT_STREQ(policy_name(Policy::LayerByLayer), "layer");
  try {
    parse_policy("fifo", "--policy");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "--policy");
    EXPECT_NE(std::string(e.what()).find("memheft"), std::string::npos);
  }
}

TEST(PolicyPlanTest, LayerUsesGroupedBuffersTheOthersTileBuffers) {
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan layer = plan_policy(cnn, Policy::LayerByLayer);
  const PolicyPlan heft = plan_policy(cnn, Policy::Heft);
  const PolicyPlan mem = plan_policy(cnn, Policy::MemHeft);
  EXPECT_EQ(static_cast<std::size_t>(layer.buffers.num_buffers()), cnn.layer_grouping.names.size());
  EXPECT_EQ(heft.buffers.num_buffers(), cnn.buffers.num_buffers());
  EXPECT_EQ(mem.buffers.num_buffers(), cnn.buffers.num_buffers());
  EXPECT_EQ(layer.buffers.total_bytes(), cnn.buffers.total_bytes());
  for (const PolicyPlan* p : {&layer, &heft, &mem}) {
    EXPECT_TRUE(p->report.ok);
    EXPECT_EQ(p->profile.peak_bytes, p->report.peak_bytes);
    EXPECT_EQ(p->work.num_tasks(), cnn.graph.num_tasks());
  }
  EXPECT_EQ(mem.capacity, 0);
  EXPECT_GT(layer.profile.peak_bytes, 0);
  // The work is the same, only addressed in other buffers: costs agree.
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t)
    EXPECT_EQ(layer.work.cost(t, platform.pes[0], platform), heft.work.cost(t, platform.pes[0], platform));
}

TEST(PolicyPlanTest, MemHeftHonoursTheBoundOrReportsInfeasible) {
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = test::lenet_graph(platform);
  EXPECT_THROW(plan_policy(cnn, Policy::MemHeft, 1), InfeasibleCapacity);
  const Bytes heft_peak = plan_policy(cnn, Policy::Heft).profile.peak_bytes;
  const PolicyPlan roomy = plan_policy(cnn, Policy::MemHeft, heft_peak);
  EXPECT_EQ(roomy.capacity, heft_peak);
  EXPECT_LE(roomy.profile.peak_bytes, heft_peak);
}

}  // namespace
}  // namespace cnnsched::policy_plan_test
