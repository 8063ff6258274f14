// A point result carries the simulated action counts and the energy columns
// (sched/energy/energy_columns.hpp); with contention off the counts are the
// plan's estimate and the energy is compute_energy of them over the makespan.
#include <gtest/gtest.h>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/energy/energy_columns.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>

#include "support/config_path.hpp"

namespace cnnsched::point_energy_test {
namespace {

using nlohmann::json;

TEST(PointEnergy, MetricsCarryTheCountsAndTheirEnergy) {
  const json point = {{"network", test::config("networks/lenet5_c1s2c3.json")},
                      {"platform", test::config("platforms/default_ddr4.json")},
                      {"policy", "heft"},
                      {"contention", false},
                      {"overrides", {{"scratchpad.bytes", 2048}}}};
  const json r = run_point(point, "point.json", true);
  ASSERT_EQ(r.at("status"), "ok") << r.dump();
  const json& m = r.at("metrics");

  Platform platform = load_platform(test::config("platforms/default_ddr4.json"));
  platform.contention = false;
  platform.scratchpad_bytes = 2048;
  const Network net = load_network(test::config("networks/lenet5_c1s2c3.json"));
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const ActionCounts estimate = estimate_actions(cnn, plan_policy(cnn, Policy::Heft, platform), platform);
  for (const auto& [name, value] : count_columns(estimate)) {
    ASSERT_TRUE(m.contains(name)) << name;
    EXPECT_EQ(m.at(name).get<std::int64_t>(), value) << name;
  }
  const EnergyBreakdown e = compute_energy(estimate, energy_table(platform), platform, net.element_bytes,
                                           m.at("makespan").get<Time>());
  for (const auto& [name, value] : energy_columns(e)) {
    ASSERT_TRUE(m.contains(name)) << name;
    EXPECT_DOUBLE_EQ(m.at(name).get<double>(), value) << name;
  }
  EXPECT_GT(m.at("energy_dram_spill_pj").get<double>(), 0);
}

}  // namespace
}  // namespace cnnsched::point_energy_test
