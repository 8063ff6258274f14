// Energy in the outputs: `cnnsched simulate`'s report has the counts and the
// energy by component and kind with the EDP, and network_study's CSV (the
// writer of results.csv) has count and energy columns whose energy is
// compute_energy of its counts over its simulated makespan.
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>

#include "cli/cli_support.hpp"

namespace cnnsched::energy_cli_test {
namespace {

using cli_test::Outcome;

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  return cells;
}

TEST(EnergyCli, SimulateReportsEnergyByComponentAndKindAndTheEdp) {
  const Outcome r = cli_test::cnnsched(
      {"simulate", "--network", cli_test::source("configs/networks/lenet5_c1s2c3.json"), "--platform",
       cli_test::source("configs/platforms/default_ddr4.json"), "--scratchpad-bytes", "2048", "--contention",
       "false", "--traces", "false", "--policy", "memheft"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* piece : {"action counts (the plan's estimate, and as the modules counted them)", "MACs",
                            "energy in pJ", "scratchpad read", "interconnect (NoC)", "DRAM input",
                            "DRAM weights", "DRAM spill", "DRAM output", "static PEs", "EDP (pJ x s)"})
    EXPECT_TRUE(contains(r.out, piece)) << piece << "\n" << r.out;
  // Contention off: the modules' counts equal the plan's estimate.
  EXPECT_FALSE(contains(r.out, "(differs)")) << r.out;
}

// network_study on a 4 KiB DDR4 platform with static power: every row's
// energy columns are the energy table applied to its count columns, static
// power over its simulated makespan.
TEST(EnergyCli, NetworkStudyCsvEnergyIsTheTableTimesItsCounts) {
  nlohmann::json doc =
      nlohmann::json::parse(cli_test::slurp(cli_test::source("configs/platforms/default_ddr4.json")));
  doc["scratchpad"]["bytes"] = 4096;
  doc["energy"] = {{"static_mw", {{"pe", 1.5}, {"dram", 20}}}};
  const std::string platform_path = cli_test::write_file("ddr4_4k_energy.json", doc.dump());
  const std::string network = cli_test::source("configs/networks/lenet5_c1s2c3.json");
  const std::string dir = cli_test::temp("energy_study");
  const Outcome r = cli_test::run_tool("network_study", {"--network", network, "--platform", platform_path,
                                                         "--traces", "false", "--out", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  const Platform platform = load_platform(platform_path);
  const EnergyTable table = energy_table(platform);
  const std::int64_t element_bytes = load_network(network).element_bytes;

  std::stringstream csv(cli_test::slurp(dir + "/networks.csv"));
  std::string line;
  std::getline(csv, line);
  const std::vector<std::string> head = split_line(line);
  int rows = 0;
  while (std::getline(csv, line)) {
    const std::vector<std::string> row = split_line(line);
    const auto column = [&](const std::string& name) {
      for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] == name) return std::stod(row.at(i));
      ADD_FAILURE() << "no column " << name;
      return 0.0;
    };
    ++rows;
    ActionCounts c;
    c.macs = static_cast<std::int64_t>(column("actions_macs"));
    c.scratchpad_reads = static_cast<std::int64_t>(column("actions_scratchpad_reads"));
    c.scratchpad_writes = static_cast<std::int64_t>(column("actions_scratchpad_writes"));
    c.interconnect_bytes = static_cast<std::int64_t>(column("actions_interconnect_bytes"));
    // The DRAM's energy is linear in its counts: all kinds' totals under one kind give the sum.
    c.dram[0] = {static_cast<std::int64_t>(column("actions_dram_bursts")),
                 static_cast<std::int64_t>(column("actions_dram_activations"))};
    const auto makespan = static_cast<Time>(column("makespan_ps"));
    const EnergyBreakdown e = compute_energy(c, table, platform, element_bytes, makespan);
    EXPECT_GT(c.macs, 0) << line;
    EXPECT_GT(c.dram[0].bursts, 0) << line;
    EXPECT_NEAR(column("energy_mac_pj"), e.mac_pj, 1e-8 * e.mac_pj) << line;
    EXPECT_NEAR(column("energy_scratchpad_read_pj"), e.scratchpad_read_pj, 1e-8 * e.scratchpad_read_pj);
    EXPECT_NEAR(column("energy_scratchpad_write_pj"), e.scratchpad_write_pj, 1e-8 * e.scratchpad_write_pj);
    EXPECT_NEAR(column("energy_interconnect_pj"), e.interconnect_pj, 1e-8 * e.interconnect_pj);
    EXPECT_NEAR(column("energy_dram_pj"), e.dram_dynamic_pj(), 1e-8 * e.dram_dynamic_pj());
    const double kinds = column("energy_dram_input_pj") + column("energy_dram_weights_pj") +
                         column("energy_dram_reload_pj") + column("energy_dram_weight_reload_pj") +
                         column("energy_dram_spill_pj") + column("energy_dram_output_pj");
    EXPECT_NEAR(kinds, e.dram_dynamic_pj(), 1e-8 * e.dram_dynamic_pj()) << line;
    EXPECT_GT(column("energy_dram_input_pj"), 0) << line;
    EXPECT_GT(e.static_pj(), 0);
    EXPECT_NEAR(column("energy_static_pj"), e.static_pj(), 1e-8 * e.static_pj()) << line;
    EXPECT_NEAR(column("energy_total_pj"), e.total_pj(), 1e-8 * e.total_pj()) << line;
    EXPECT_NEAR(column("edp_pj_s"), e.edp_pj_s(), 1e-8 * e.edp_pj_s()) << line;
  }
  EXPECT_EQ(rows, 3);
}

}  // namespace
}  // namespace cnnsched::energy_cli_test
