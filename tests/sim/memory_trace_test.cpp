// The memory traces a simulation writes (VCD, CSV) agree with each other and
// with the plan's memory profile, and a capacity bound holds in them.
#include <unistd.h>

#include <algorithm>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::memory_trace_test {
namespace {

using test::read_csv;
using test::read_vcd;

const char* kOccupancy = "SystemC.accelerator.scratchpad.occupancy";

std::uint64_t vcd_max(const test::VcdChanges& vcd, const std::string& signal) {
  const auto it = vcd.find(signal);
  if (it == vcd.end()) throw std::runtime_error("no signal " + signal + " in the VCD");
  std::uint64_t m = 0;
  for (const auto& [t, v] : it->second) m = std::max(m, v);
  return m;
}

Bytes csv_max(const std::string& path) {
  Bytes m = 0;
  for (const auto& row : read_csv(path)) m = std::max<Bytes>(m, std::stoll(row.at("bytes_in_use")));
  return m;
}

TEST(MemoryTrace, VcdCsvAndPlannedPeakAgree) {
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  SimOptions options;
  options.trace_dir = test::trace_dir("peak");
  options.stem = "heft";
  const SimResult r = simulate(cnn, plan, platform, options);

  ASSERT_GT(plan.profile.peak_bytes, 0);
  EXPECT_EQ(r.peak, plan.profile.peak_bytes);
  EXPECT_EQ(csv_max(r.files.memory_csv), plan.profile.peak_bytes);
  const test::VcdChanges vcd = read_vcd(r.files.vcd);
  EXPECT_EQ(vcd_max(vcd, kOccupancy), static_cast<std::uint64_t>(plan.profile.peak_bytes));
  // Everything is released at the end.
  ASSERT_FALSE(vcd.at(kOccupancy).empty());
  EXPECT_EQ(vcd.at(kOccupancy).back().second, 0u);
  EXPECT_EQ(r.allocations, r.releases);
}

TEST(MemoryTrace, MemHeftBoundBelowHeftPeakHoldsInTraces) {
  // Contention on: the bound must hold even when tasks drift from the plan.
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const Bytes heft_peak = plan_policy(cnn, Policy::Heft).profile.peak_bytes;
  Bytes capacity = heft_peak * 3 / 4;
  PolicyPlan plan;
  try {
    plan = plan_policy(cnn, Policy::MemHeft, capacity);
  } catch (const InfeasibleCapacity& e) {
    capacity = e.smallest_feasible();
    plan = plan_policy(cnn, Policy::MemHeft, capacity);
  }
  ASSERT_LT(capacity, heft_peak);
  SimOptions options;
  options.trace_dir = test::trace_dir("bound");
  options.stem = "memheft";
  const SimResult r = simulate(cnn, plan, platform, options);

  EXPECT_EQ(r.capacity, capacity);
  EXPECT_LE(r.peak, capacity);
  EXPECT_LE(csv_max(r.files.memory_csv), capacity);
  EXPECT_LE(vcd_max(read_vcd(r.files.vcd), kOccupancy), static_cast<std::uint64_t>(capacity));
  // The memory CSV holds every allocation: one per buffer that is used.
  std::size_t used = 0;
  for (BufferId b = 0; b < plan.buffers.num_buffers(); ++b)
    used += plan.buffers.num_users(b) > 0 && plan.buffers.buffer(b).bytes > 0;
  EXPECT_EQ(r.allocations, used);
}

}  // namespace
}  // namespace cnnsched::memory_trace_test
