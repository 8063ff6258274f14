#include <algorithm>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/offchip/residency_view.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

#include "support/ddr4_platform.hpp"

namespace cnnsched::policy_plan_offchip_test {
namespace {

using test::ddr4_platform;

Bytes transferred(const OffchipPlan& p, TransferKind kind) {
  Bytes sum = 0;
  for (const Transfer& t : p.transfers)
    if (t.kind == kind) sum += t.bytes;
  return sum;
}

TEST(PolicyPlanOffchip, WithoutDramNothingChanges) {
  Platform platform = load_platform(test::config("platforms/default.json"));
  const CnnGraph cnn = build_cnn_graph(load_network(test::config("networks/lenet5_c1s2c3.json")), platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft, platform);
  EXPECT_EQ(plan.offchip, nullptr);
  EXPECT_EQ(&plan.run_graph(cnn), &cnn.graph);
  EXPECT_EQ(plan.run_schedule().makespan(), plan.schedule.makespan());
}

// Every policy stays within a scratchpad far below its on-chip peak, keeps
// its PEs and (the baseline) its barrier, and moves every input and weight in.
TEST(PolicyPlanOffchip, EveryPolicyStaysWithinTheScratchpad) {
  const Network net = load_network(test::config("networks/lenet5_c1s2c3.json"));
  const Platform big = ddr4_platform(Bytes{1} << 24);
  const CnnGraph cnn = build_cnn_graph(net, big);
  const Bytes onchip_peak = plan_policy(cnn, Policy::Heft).report.peak_bytes;
  const Platform platform = ddr4_platform(onchip_peak / 3);
  for (Policy policy : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft}) {
    SCOPED_TRACE(policy_name(policy));
    const PolicyPlan plan = plan_policy(cnn, policy, platform);
    ASSERT_NE(plan.offchip, nullptr);
    EXPECT_TRUE(plan.report.ok);
    EXPECT_LE(plan.report.peak_bytes, platform.scratchpad_bytes);
    EXPECT_EQ(plan.run_capacity(), platform.scratchpad_bytes);
    const OffchipPlan& o = *plan.offchip;
    EXPECT_GT(o.graph.num_tasks(), cnn.graph.num_tasks());
    EXPECT_EQ(o.address.size(), static_cast<std::size_t>(o.buffers.num_buffers()));  // placed
    EXPECT_EQ(o.graph.num_processors(), cnn.graph.num_processors() + platform.dma_channels);
    for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t)
      EXPECT_EQ(o.schedule.slots[t].proc, plan.schedule.slots[t].proc);
    EXPECT_GE(transferred(o, TransferKind::kLoad), cnn.input_bytes_total + cnn.weight_bytes_total);
    EXPECT_GT(transferred(o, TransferKind::kStore), 0);
    EXPECT_GT(transferred(o, TransferKind::kSpill), 0);  // a third of the peak cannot hold it all
  }
}

TEST(PolicyPlanOffchip, BaselineKeepsItsLayerBarrier) {
  const Network net = load_network(test::config("networks/lenet5_c1s2c3.json"));
  const Platform platform = ddr4_platform(Bytes{1} << 16);
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::LayerByLayer, platform);
  const Schedule& s = plan.run_schedule();
  for (TaskId a = 0; a < cnn.graph.num_tasks(); ++a)
    for (TaskId b = 0; b < cnn.graph.num_tasks(); ++b)
      if (cnn.graph.layer(a) < cnn.graph.layer(b)) {
        ASSERT_LE(s.slots[a].finish, s.slots[b].start);
      }
}

// With DRAM memheft plans with the off-chip residency rules
// (sched/offchip/residency_view.hpp), so it meets scratchpads the on-chip
// model cannot; below the view's smallest capacity it plans there.
TEST(PolicyPlanOffchip, MemheftPlansWithOffchipResidency) {
  const Network net = load_network(test::config("networks/lenet5_c1s2c3.json"));
  const Platform big = ddr4_platform(Bytes{1} << 24);
  const CnnGraph cnn = build_cnn_graph(net, big);
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  const Bytes view_smallest =
      memheft_smallest_capacity(cnn.graph, offchip_residency_view(cnn.buffers, cnn.work));
  EXPECT_LT(view_smallest, smallest);
  Bytes largest_task = 0;
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    Bytes need = 0;
    for (BufferId b : cnn.buffers.buffers_of(t)) need += cnn.buffers.buffer(b).bytes;
    largest_task = std::max(largest_task, need);
  }
  for (Bytes scratchpad : {std::max(largest_task + 64, smallest / 2), largest_task + 64}) {
    SCOPED_TRACE(scratchpad);
    const Platform platform = ddr4_platform(scratchpad);
    ASSERT_LT(scratchpad, smallest);
    EXPECT_THROW(plan_policy(cnn, Policy::MemHeft, scratchpad), InfeasibleCapacity);
    const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft, platform);
    EXPECT_EQ(plan.capacity, std::max(scratchpad, view_smallest));
    EXPECT_TRUE(plan.report.ok);
    EXPECT_LE(plan.report.peak_bytes, scratchpad);
  }
}

TEST(PolicyPlanOffchip, AScratchpadBelowOneTaskIsInfeasible) {
  const Network net = load_network(test::config("networks/lenet5_c1s2c3.json"));
  const CnnGraph cnn = build_cnn_graph(net, ddr4_platform(Bytes{1} << 16));
  for (Policy policy : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft})
    EXPECT_THROW(plan_policy(cnn, policy, ddr4_platform(64)), InfeasibleCapacity) << policy_name(policy);
}

// From the largest single task to the on-chip peak, every policy's off-chip
// plan validates within the scratchpad, on plain, residual and depthwise graphs.
TEST(PolicyPlanOffchip, ValidAtEveryCapacityOnSeveralNetworks) {
  for (const char* name :
       {"networks/lenet5.json", "networks/tests/residual.json", "networks/tests/depthwise.json"}) {
    SCOPED_TRACE(name);
    const Network net = load_network(test::config(name));
    const CnnGraph cnn = build_cnn_graph(net, ddr4_platform(Bytes{1} << 24));
    Bytes largest_task = 0;
    for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
      Bytes need = 0;
      for (BufferId b : cnn.buffers.buffers_of(t)) need += cnn.buffers.buffer(b).bytes;
      largest_task = std::max(largest_task, need);
    }
    const Bytes peak = plan_policy(cnn, Policy::Heft).report.peak_bytes;
    for (int step = 0; step <= 4; ++step) {
      const Platform platform = ddr4_platform(largest_task + (peak - largest_task) * step / 4);
      for (Policy policy : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft}) {
        SCOPED_TRACE(std::string(policy_name(policy)) + " at " + std::to_string(platform.scratchpad_bytes));
        const PolicyPlan plan = plan_policy(cnn, policy, platform);
        EXPECT_TRUE(plan.report.ok);
        EXPECT_LE(plan.report.peak_bytes, platform.scratchpad_bytes);
      }
    }
  }
}

}  // namespace
}  // namespace cnnsched::policy_plan_offchip_test
