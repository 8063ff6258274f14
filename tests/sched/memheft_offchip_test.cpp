#include <algorithm>
#include <gtest/gtest.h>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/offchip/planned_traffic.hpp>
#include <cnnsched/sched/offchip/residency_view.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

#include "support/ddr4_platform.hpp"

namespace cnnsched::memheft_offchip_test {
namespace {

using test::ddr4_platform;

CnnGraph conv_rows() {
  return build_cnn_graph(load_network(test::config("networks/tests/conv_rows.json")),
                         ddr4_platform(Bytes{1} << 20));
}

Bytes task_bytes(const BufferPlan& plan, TaskId t) {
  Bytes sum = 0;
  for (BufferId b : plan.buffers_of(t)) sum += plan.buffer(b).bytes;
  return sum;
}

// The network input and the final output: what any schedule moves at least.
Bytes feature_map_lower_bound(const CnnGraph& cnn) {
  Bytes outputs = 0;
  for (BufferId b = 0; b < cnn.buffers.num_buffers(); ++b)
    if (cnn.buffers.buffer(b).until_end) outputs += cnn.buffers.buffer(b).bytes;
  return cnn.input_bytes_total + outputs;
}

Bytes feature_map_traffic(const CnnGraph& cnn, Policy policy, Bytes scratchpad) {
  const PolicyPlan plan = plan_policy(cnn, policy, ddr4_platform(scratchpad), scratchpad);
  EXPECT_TRUE(plan.report.ok);
  EXPECT_LE(plan.report.peak_bytes, scratchpad);
  return planned_traffic(cnn, *plan.offchip).feature_maps();
}

// Data from DRAM becomes one buffer per use, nothing stays until the end, and
// every task still holds the same bytes while it runs.
TEST(MemheftOffchip, ResidencyViewHoldsDataFromDramOnlyAroundEachUse) {
  const CnnGraph cnn = conv_rows();
  const BufferPlan view = offchip_residency_view(cnn.buffers, cnn.work);
  std::vector<char> written(static_cast<std::size_t>(cnn.buffers.num_buffers()), 0);
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    EXPECT_EQ(task_bytes(view, t), task_bytes(cnn.buffers, t));
    written[static_cast<std::size_t>(cnn.work.write(t).buffer)] = 1;
  }
  BufferId expected = 0;
  for (BufferId b = 0; b < cnn.buffers.num_buffers(); ++b)
    expected += written[static_cast<std::size_t>(b)] ? 1 : cnn.buffers.num_users(b);
  EXPECT_EQ(view.num_buffers(), expected);
  EXPECT_GT(expected, cnn.buffers.num_buffers());  // input rows and weight slices have several users
  for (BufferId v = 0; v < view.num_buffers(); ++v) EXPECT_FALSE(view.buffer(v).until_end);
}

// With two thirds of the on-chip peak (room for a few rows per layer and the
// weights), memheft's depth-first plan moves only the network input and the
// final output, where layer-by-layer spills and reloads intermediate layers.
TEST(MemheftOffchip, DepthFirstPlanMovesOnlyInputAndOutput) {
  const CnnGraph cnn = conv_rows();
  const Bytes scratchpad = plan_policy(cnn, Policy::Heft).report.peak_bytes * 2 / 3;
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft, ddr4_platform(scratchpad), scratchpad);
  EXPECT_TRUE(plan.report.ok);
  EXPECT_EQ(plan.capacity, scratchpad);
  const DramTraffic traffic = planned_traffic(cnn, *plan.offchip);
  EXPECT_EQ(traffic.spill, 0);
  EXPECT_EQ(traffic.feature_maps(), feature_map_lower_bound(cnn));
  EXPECT_GT(feature_map_traffic(cnn, Policy::LayerByLayer, scratchpad), 2 * feature_map_lower_bound(cnn));
}

// From the smallest capacity memheft meets with off-chip residency up to the
// on-chip peak, its plan validates within the scratchpad and moves no more
// feature-map bytes than layer-by-layer at the same scratchpad.
TEST(MemheftOffchip, NeverMovesMoreFeatureMapsThanLayerByLayer) {
  const CnnGraph cnn = conv_rows();
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, offchip_residency_view(cnn.buffers, cnn.work));
  const Bytes peak = plan_policy(cnn, Policy::Heft).report.peak_bytes;
  for (int step = 0; step <= 4; ++step) {
    const Bytes scratchpad = smallest + (peak - smallest) * step / 4;
    SCOPED_TRACE(scratchpad);
    const Bytes memheft = feature_map_traffic(cnn, Policy::MemHeft, scratchpad);
    EXPECT_LE(memheft, feature_map_traffic(cnn, Policy::LayerByLayer, scratchpad));
    EXPECT_GE(memheft, feature_map_lower_bound(cnn));
  }
}

// Below what the view can meet memheft plans at the smallest it can, and the
// off-chip pass still keeps the scratchpad.
TEST(MemheftOffchip, BelowTheViewsSmallestCapacityItPlansThere) {
  const CnnGraph cnn = conv_rows();
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, offchip_residency_view(cnn.buffers, cnn.work));
  Bytes largest_task = 0;
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t)
    largest_task = std::max(largest_task, task_bytes(cnn.buffers, t));
  const Bytes scratchpad = std::max(largest_task, smallest / 2);
  ASSERT_LT(scratchpad, smallest);
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft, ddr4_platform(scratchpad), scratchpad);
  EXPECT_EQ(plan.capacity, smallest);
  EXPECT_TRUE(plan.report.ok);
  EXPECT_LE(plan.report.peak_bytes, scratchpad);
}

}  // namespace
}  // namespace cnnsched::memheft_offchip_test
