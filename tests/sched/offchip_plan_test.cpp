#include <gtest/gtest.h>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/offchip/offchip_plan.hpp>
#include <cnnsched/sched/offchip/planned_traffic.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>

#include "support/config_path.hpp"

namespace cnnsched::offchip_plan_test {
namespace {

struct Fixture {
  Platform platform = load_platform(test::config("platforms/default_ddr4.json"));
  Network network = load_network(test::config("networks/lenet5_c1s2c3.json"));
  CnnGraph cnn = build_cnn_graph(network, platform);
};

OffchipPlan offchip(const Fixture& f, const Schedule& s, Bytes capacity, bool barrier) {
  OffchipRequest r;
  r.graph = &f.cnn.graph;
  r.buffers = &f.cnn.buffers;
  r.work = &f.cnn.work;
  r.schedule = &s;
  r.platform = &f.platform;
  r.capacity = capacity;
  r.layer_barrier = barrier;
  return plan_offchip(r);
}

Bytes bytes_of(const OffchipPlan& p, TransferKind kind) {
  Bytes sum = 0;
  for (const Transfer& t : p.transfers)
    if (t.kind == kind) sum += t.bytes;
  return sum;
}

Bytes largest_task(const CnnGraph& cnn) {
  Bytes largest = 0;
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    Bytes need = 0;
    for (BufferId b : cnn.buffers.buffers_of(t)) need += cnn.buffers.buffer(b).bytes;
    largest = std::max(largest, need);
  }
  return largest;
}

void expect_valid(const Fixture& f, const Schedule& policy, const OffchipPlan& p, Bytes capacity) {
  const ValidationReport r = validate(p.graph, p.buffers, p.schedule, capacity);
  EXPECT_TRUE(r.ok) << (r.violations.empty() ? "" : r.violations.front());
  EXPECT_LE(r.peak_bytes, capacity);
  for (TaskId t = 0; t < f.cnn.graph.num_tasks(); ++t)
    EXPECT_EQ(p.schedule.slots[t].proc, policy.slots[t].proc);
  // Every input tile and weight slice crosses the link at least once, every output exactly once.
  EXPECT_GE(bytes_of(p, TransferKind::kLoad), f.cnn.input_bytes_total + f.cnn.weight_bytes_total);
  Bytes outputs = 0;
  for (BufferId b = 0; b < f.cnn.buffers.num_buffers(); ++b)
    if (f.cnn.buffers.buffer(b).until_end) outputs += f.cnn.buffers.buffer(b).bytes;
  EXPECT_EQ(bytes_of(p, TransferKind::kStore), outputs);
  for (TaskId t = f.cnn.graph.num_tasks(); t < p.graph.num_tasks(); ++t)
    EXPECT_GE(p.schedule.slots[t].proc, p.num_pes) << p.graph.name(t);
}

TEST(OffchipPlan, AmpleScratchpadOnlyLoadsAndStores) {
  const Fixture f;
  const Schedule heft = schedule_heft(f.cnn.graph);
  const OffchipPlan p = offchip(f, heft, Bytes{1} << 30, false);
  expect_valid(f, heft, p, Bytes{1} << 30);
  EXPECT_EQ(bytes_of(p, TransferKind::kSpill), 0);
  EXPECT_EQ(bytes_of(p, TransferKind::kReload), 0);
  EXPECT_EQ(bytes_of(p, TransferKind::kLoad), f.cnn.input_bytes_total + f.cnn.weight_bytes_total);
}

TEST(OffchipPlan, TrafficSplitsFeatureMapsFromWeights) {
  const Fixture f;
  const Schedule heft = schedule_heft(f.cnn.graph);
  const DramTraffic ample = planned_traffic(f.cnn, offchip(f, heft, Bytes{1} << 30, false));
  EXPECT_EQ(ample.input, f.cnn.input_bytes_total);
  EXPECT_EQ(ample.weights, f.cnn.weight_bytes_total);
  EXPECT_EQ(ample.weight_reload + ample.reload + ample.spill, 0);
  EXPECT_EQ(ample.feature_maps(), ample.input + ample.output);
  const OffchipPlan tight = offchip(f, heft, largest_task(f.cnn) + 64, false);
  const DramTraffic t = planned_traffic(f.cnn, tight);
  EXPECT_EQ(t.total(), bytes_of(tight, TransferKind::kLoad) + bytes_of(tight, TransferKind::kReload) +
                           bytes_of(tight, TransferKind::kSpill) + bytes_of(tight, TransferKind::kStore));
  EXPECT_EQ(t.reload + t.weight_reload, bytes_of(tight, TransferKind::kReload));
  EXPECT_EQ(t.feature_maps() + t.weight_bytes(), t.total());
  EXPECT_GT(t.spill, 0);
}

TEST(OffchipPlan, SmallScratchpadSpillsAndStaysWithinIt) {
  const Fixture f;
  const Bytes capacity = largest_task(f.cnn) + 64;
  for (bool barrier : {false, true}) {
    const Schedule policy = barrier ? schedule_layer_by_layer(f.cnn.graph) : schedule_heft(f.cnn.graph);
    const OffchipPlan p = offchip(f, policy, capacity, barrier);
    expect_valid(f, policy, p, capacity);
    EXPECT_GT(bytes_of(p, TransferKind::kSpill) + bytes_of(p, TransferKind::kReload), 0) << barrier;
  }
}

TEST(OffchipPlan, RefusesACapacityBelowTheLargestTask) {
  const Fixture f;
  const Schedule heft = schedule_heft(f.cnn.graph);
  const Bytes need = largest_task(f.cnn);
  try {
    offchip(f, heft, need - 1, false);
    FAIL() << "no InfeasibleCapacity";
  } catch (const InfeasibleCapacity& e) {
    EXPECT_EQ(e.smallest_feasible(), need);
  }
}

}  // namespace
}  // namespace cnnsched::offchip_plan_test
