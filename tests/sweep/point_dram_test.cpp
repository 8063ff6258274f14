// A point on a DRAM platform runs its policy's off-chip plan: the result's
// DRAM columns split the traffic by kind, the scratchpad override is the hard
// bound, and a platform without DRAM reports no traffic.
#include <gtest/gtest.h>

#include <cnnsched/sim/sweep/point_result.hpp>

#include "support/config_path.hpp"

namespace cnnsched::point_dram_test {
namespace {

using nlohmann::json;

json point_on(const std::string& platform, const std::string& policy, int scratchpad) {
  json p = {{"network", test::config("networks/lenet5_c1s2c3.json")},
            {"platform", test::config("platforms/" + platform)},
            {"policy", policy},
            {"contention", false}};
  if (scratchpad > 0) p["overrides"] = {{"scratchpad.bytes", scratchpad}};
  return p;
}

std::int64_t metric(const json& result, const std::string& name) {
  return result.at("metrics").at(name).get<std::int64_t>();
}

TEST(PointDram, SpillsWithinTheScratchpadOverrideAndSplitsTheTraffic) {
  for (const char* policy : {"layer", "heft", "memheft"}) {
    SCOPED_TRACE(policy);
    const json r = run_point(point_on("default_ddr4.json", policy, 2048), "point.json", true);
    ASSERT_EQ(r.at("status"), "ok") << r.dump();
    EXPECT_LE(metric(r, "peak"), 2048);
    EXPECT_EQ(metric(r, "scratchpad_bytes"), 2048);
    // memheft plans with off-chip residency: what it drops is clean, reloaded.
    EXPECT_GT(metric(r, std::string(policy) == "memheft" ? "dram_reload_bytes" : "dram_spill_bytes"), 0);
    EXPECT_GT(metric(r, "dram_input_bytes"), 0);
    EXPECT_GT(metric(r, "dram_weight_bytes"), 0);
    const std::int64_t parts = metric(r, "dram_input_bytes") + metric(r, "dram_weight_bytes") +
                               metric(r, "dram_reload_bytes") + metric(r, "dram_weight_reload_bytes") +
                               metric(r, "dram_spill_bytes") + metric(r, "dram_output_bytes");
    EXPECT_EQ(metric(r, "dram_total_bytes"), parts);
    EXPECT_EQ(metric(r, "dram_feature_map_bytes"),
              parts - metric(r, "dram_weight_bytes") - metric(r, "dram_weight_reload_bytes"));
    EXPECT_GT(metric(r, "dma_busy"), 0);
    EXPECT_EQ(metric(r, "makespan"), metric(r, "planned_makespan"));
  }
}

TEST(PointDram, NoDramNoTraffic) {
  const json r = run_point(point_on("default.json", "heft", 0), "point.json", true);
  ASSERT_EQ(r.at("status"), "ok") << r.dump();
  EXPECT_EQ(metric(r, "dram_total_bytes"), 0);
  EXPECT_EQ(metric(r, "dma_busy"), 0);
}

}  // namespace
}  // namespace cnnsched::point_dram_test
