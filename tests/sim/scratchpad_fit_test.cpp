// The simulated scratchpad has the platform's size, always: a plan that does
// not fit is refused naming the task, its bytes and the smallest scratchpad
// that works (which then runs the plan exactly); a platform that holds the
// peak but fragments makes tasks wait, counted, never hanging.
#include <gtest/gtest.h>

#include <cnnsched/sched/memory/first_fit_replay.hpp>
#include <cnnsched/sched/network/auto_slicing.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::scratchpad_fit_test {
namespace {

struct Vgg {
  Platform platform = test::lenet_platform(false);
  CnnGraph cnn = build_cnn_graph(load_network(test::source_path("configs/networks/vgg16.json")), platform);
  PolicyPlan plan = plan_policy(cnn, Policy::Heft);
};

TEST(ScratchpadFit, FootprintCoversThePeakAndOrdersByPlan) {
  const Vgg v;
  const Bytes footprint =
      replay_first_fit(v.plan.buffers, v.plan.schedule, v.plan.profile.peak_bytes).footprint;
  EXPECT_GE(footprint, v.plan.profile.peak_bytes);
  EXPECT_LE(footprint, v.plan.buffers.total_bytes());
  const std::vector<TaskId> order = plan_order(v.plan.schedule);
  ASSERT_EQ(order.size(), v.plan.schedule.slots.size());
  for (std::size_t i = 1; i < order.size(); ++i)
    EXPECT_LE(v.plan.schedule.slots[static_cast<std::size_t>(order[i - 1])].start,
              v.plan.schedule.slots[static_cast<std::size_t>(order[i])].start);
}

TEST(ScratchpadFit, TooSmallPlatformIsRefusedNamingTheSmallestThatWorks) {
  Vgg v;
  ASSERT_LT(v.platform.scratchpad_bytes, v.plan.profile.peak_bytes);  // 64 KiB for VGG-16
  const Bytes smallest = smallest_scratchpad(v.plan);
  try {
    simulate_isolated(v.cnn, v.plan, v.platform);
    ADD_FAILURE() << "no ScratchpadTooSmall";
  } catch (const ScratchpadTooSmall& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("task '" + e.task() + "' needs " + std::to_string(e.needed())), std::string::npos)
        << what;
    EXPECT_GT(e.needed(), 0);
    EXPECT_EQ(e.capacity(), v.platform.scratchpad_bytes);
    EXPECT_EQ(e.smallest_feasible(), smallest);
    EXPECT_NE(what.find("the smallest scratchpad that works for this plan is " + std::to_string(smallest)),
              std::string::npos)
        << what;
  }
  // That scratchpad runs the plan exactly (contention off), without a single wait.
  v.platform.scratchpad_bytes = smallest;
  const SimResult r = simulate_isolated(v.cnn, v.plan, v.platform);
  EXPECT_EQ(r.scratchpad_bytes, smallest);
  EXPECT_EQ(r.allocator_wait_tasks, 0u);
  EXPECT_EQ(r.tasks_mismatched, 0u);
  EXPECT_LE(r.peak, smallest);
}

TEST(ScratchpadFit, FragmentationMakesTasksWaitAndIsReported) {
  Vgg v;
  // Exactly the peak in bytes, but first fit needs more address space: the
  // first allocation that lands beyond the peak in the replay fails here.
  v.platform.scratchpad_bytes = v.plan.profile.peak_bytes;
  ASSERT_GT(replay_first_fit(v.plan.buffers, v.plan.schedule, v.plan.profile.peak_bytes).footprint,
            v.platform.scratchpad_bytes);
  const SimResult r = simulate_isolated(v.cnn, v.plan, v.platform);
  EXPECT_EQ(r.scratchpad_bytes, v.platform.scratchpad_bytes);
  EXPECT_GT(r.allocator_wait_tasks, 0u);
  EXPECT_GT(r.allocator_wait_time, 0);
  EXPECT_GE(r.makespan, r.planned_makespan);
  EXPECT_LE(r.peak, v.platform.scratchpad_bytes);
  EXPECT_NE(r.report_text.find("fragmentation"), std::string::npos);
}

TEST(ScratchpadFit, CompactionResolvesAFragmentationStall) {
  // VGG-16 in 4 x 4 tiles under contention: buffers are freed in another order
  // than the plan's, and fc6's 98 MiB weights find no hole although enough
  // bytes are free. The dispatcher moves the live buffers together and goes on.
  const Platform platform = load_platform(test::source_path("configs/platforms/default.json"));
  ASSERT_TRUE(platform.contention);  // with contention, releases come in another order than planned
  Network net = load_network(test::source_path("configs/networks/vgg16.json"));
  apply_auto_slicing(net, parse_auto_slicing("spatial:4", "test"));
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  Platform sized = platform;
  sized.scratchpad_bytes = smallest_scratchpad(plan);  // given explicitly: nothing grows
  const SimResult r = simulate_isolated(cnn, plan, sized);
  EXPECT_GT(r.compactions, 0u);
  EXPECT_GT(r.compaction_bytes, 0);
  EXPECT_GT(r.compaction_time, 0);
  EXPECT_GT(r.allocator_wait_tasks, 0u);
  EXPECT_LE(r.peak, r.scratchpad_bytes);
  EXPECT_NE(r.report_text.find("moved together"), std::string::npos);
}

}  // namespace
}  // namespace cnnsched::scratchpad_fit_test
