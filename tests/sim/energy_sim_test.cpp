// Energy from the simulation: the modules count their own actions (PE MACs,
// scratchpad port-width accesses, interconnect bytes, DRAM bursts and row
// activations per transfer kind), and with contention off those counts equal
// the plan's estimate (estimate_actions) exactly, on chip and off chip, under
// every policy. The energy in the result is compute_energy of the counts.
#include <gtest/gtest.h>
#include <sstream>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::energy_sim_test {
namespace {

std::string counts_text(const ActionCounts& c) {
  std::ostringstream s;
  s << "macs " << c.macs << ", sp reads " << c.scratchpad_reads << ", sp writes " << c.scratchpad_writes
    << ", noc bytes " << c.interconnect_bytes;
  for (std::size_t k = 0; k < kDramKinds; ++k)
    s << ", " << dram_kind_name(static_cast<DramKind>(k)) << " " << c.dram[k].bursts << "/"
      << c.dram[k].activations;
  return s.str();
}

// Simulates `policy` on `platform` and checks counts and energy against the plan.
SimResult expect_counts_equal_estimate(const CnnGraph& cnn, const Platform& platform, Policy policy) {
  const PolicyPlan plan = plan_policy(cnn, policy, platform);
  const SimResult r = simulate(cnn, plan, platform);
  EXPECT_EQ(r.compactions, 0u);
  const ActionCounts estimate = estimate_actions(cnn, plan, platform);
  EXPECT_TRUE(r.actions == estimate) << "simulated: " << counts_text(r.actions)
                                     << "\nestimated: " << counts_text(estimate);
  EXPECT_TRUE(r.planned_actions == estimate);
  EXPECT_GT(r.actions.macs, 0);
  EXPECT_GT(r.actions.scratchpad_reads, 0);
  EXPECT_GT(r.actions.scratchpad_writes, 0);
  EXPECT_GT(r.actions.interconnect_bytes, 0);
  // The result's energy is the table applied to the simulated counts over the simulated makespan.
  const EnergyBreakdown e =
      compute_energy(r.actions, energy_table(platform), platform, cnn.element_bytes, r.makespan);
  EXPECT_DOUBLE_EQ(r.energy.total_pj(), e.total_pj());
  EXPECT_DOUBLE_EQ(r.energy.mac_pj, e.mac_pj);
  EXPECT_DOUBLE_EQ(r.energy.dram_dynamic_pj(), e.dram_dynamic_pj());
  EXPECT_DOUBLE_EQ(r.energy.edp_pj_s(), e.edp_pj_s());
  EXPECT_GT(r.energy.total_pj(), 0);
  return r;
}

void expect_on_chip(Policy policy) {
  const Platform platform = test::lenet_platform(false);
  const SimResult r = expect_counts_equal_estimate(test::lenet_graph(platform), platform, policy);
  EXPECT_EQ(r.actions.dram_total().bursts, 0);
}

// DDR4 behind the default platform, a scratchpad of a third of HEFT's on-chip peak: every policy spills.
void expect_off_chip(Policy policy) {
  Platform platform = load_platform(test::source_path("configs/platforms/default_ddr4.json"));
  platform.contention = false;
  const CnnGraph cnn = test::lenet_graph(platform);
  platform.scratchpad_bytes = plan_policy(cnn, Policy::Heft).report.peak_bytes / 3;
  const SimResult r = expect_counts_equal_estimate(cnn, platform, policy);
  const auto at = [&](DramKind k) { return r.actions.dram[static_cast<std::size_t>(k)]; };
  EXPECT_GT(at(DramKind::kInput).bursts, 0);
  EXPECT_GT(at(DramKind::kWeights).bursts, 0);
  EXPECT_GT(at(DramKind::kSpill).bursts, 0);
  EXPECT_GT(at(DramKind::kOutput).bursts, 0);
  EXPECT_GT(r.actions.dram_total().activations, 0);
  // With contention off every interleave chunk is timed as an activation, so it is counted as one,
  // although the open-page bookkeeping saw row hits.
  EXPECT_GT(r.dram.row_hits, 0u);
  EXPECT_GT(r.energy.dram_dynamic_pj(), 0);
}

TEST(EnergySim, OnChipLayerByLayerCountsEqualTheEstimate) { expect_on_chip(Policy::LayerByLayer); }
TEST(EnergySim, OnChipHeftCountsEqualTheEstimate) { expect_on_chip(Policy::Heft); }
TEST(EnergySim, OnChipMemHeftCountsEqualTheEstimate) { expect_on_chip(Policy::MemHeft); }
TEST(EnergySim, OffChipLayerByLayerCountsEqualTheEstimate) { expect_off_chip(Policy::LayerByLayer); }
TEST(EnergySim, OffChipHeftCountsEqualTheEstimate) { expect_off_chip(Policy::Heft); }
TEST(EnergySim, OffChipMemHeftCountsEqualTheEstimate) { expect_off_chip(Policy::MemHeft); }

// The full LeNet-5 (fully connected layers too), off chip with spills.
TEST(EnergySim, FullLenetOffChipCountsEqualTheEstimate) {
  Platform platform = load_platform(test::source_path("configs/platforms/default_ddr4.json"));
  platform.contention = false;
  const CnnGraph cnn =
      build_cnn_graph(load_network(test::source_path("configs/networks/lenet5.json")), platform);
  platform.scratchpad_bytes = plan_policy(cnn, Policy::Heft).report.peak_bytes / 2;
  expect_counts_equal_estimate(cnn, platform, Policy::Heft);
}

// With contention on, only time changes for the PEs, the scratchpad and the
// interconnect: their counts still equal the estimate; the DRAM's open rows
// now decide the activations, and the bursts stay.
TEST(EnergySim, ContentionChangesOnlyDramActivations) {
  Platform platform = load_platform(test::source_path("configs/platforms/default_ddr4.json"));
  platform.contention = true;
  const CnnGraph cnn = test::lenet_graph(platform);
  platform.scratchpad_bytes = plan_policy(cnn, Policy::Heft).report.peak_bytes / 3;
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft, platform);
  const SimResult r = simulate(cnn, plan, platform);
  const ActionCounts estimate = estimate_actions(cnn, plan, platform);
  EXPECT_EQ(r.actions.macs, estimate.macs);
  EXPECT_EQ(r.actions.scratchpad_reads, estimate.scratchpad_reads);
  EXPECT_EQ(r.actions.scratchpad_writes, estimate.scratchpad_writes);
  EXPECT_EQ(r.actions.interconnect_bytes, estimate.interconnect_bytes);
  EXPECT_EQ(r.actions.dram_total().bursts, estimate.dram_total().bursts);
  EXPECT_EQ(static_cast<std::uint64_t>(r.actions.dram_total().activations),
            r.dram.row_misses + r.dram.row_conflicts);
  EXPECT_LT(r.actions.dram_total().activations, estimate.dram_total().activations);
  EXPECT_NE(r.report_text.find("EDP (pJ x s)"), std::string::npos);
}

}  // namespace
}  // namespace cnnsched::energy_sim_test
