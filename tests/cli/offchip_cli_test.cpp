// `cnnsched simulate` with a DRAM platform: --scratchpad-bytes sets the hard
// bound, the report names the DRAM traffic and the trace folder gets the
// DRAM CSV; a scratchpad below one task's buffers is exit 3 naming the task.
#include <sstream>
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

Outcome simulate_ddr4(const std::string& scratchpad, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"simulate",
                                   "--network",
                                   source("configs/networks/lenet5_c1s2c3.json"),
                                   "--platform",
                                   source("configs/platforms/default_ddr4.json"),
                                   "--scratchpad-bytes",
                                   scratchpad};
  args.insert(args.end(), extra.begin(), extra.end());
  return cnnsched(args);
}

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

TEST(OffchipCli, ScratchpadBytesIsTheHardBoundAndTheReportNamesTheTraffic) {
  const std::string dir = temp("offchip_cli");
  const Outcome r = simulate_ddr4("2048", {"--policy", "heft", "--out-dir", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "scratchpad 2048 bytes")) << r.out;
  EXPECT_TRUE(contains(r.out, "off-chip DRAM:")) << r.out;
  EXPECT_TRUE(contains(r.out, "written: " + dir + "/lenet5-c1s2c3_heft.dram.csv")) << r.out;
  const std::string csv = slurp(dir + "/lenet5-c1s2c3_heft.dram.csv");
  EXPECT_TRUE(contains(csv, ",spill,")) << csv.substr(0, 400);
  EXPECT_TRUE(contains(csv, ",reload,")) << csv.substr(0, 400);
}

TEST(OffchipCli, BelowTheLargestTaskIsExit3NamingIt) {
  const Outcome r = simulate_ddr4("100", {"--policy", "memheft", "--traces", "false"});
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  // C3's tile reads all of S2's output and its weights: 1427 bytes, the largest task.
  EXPECT_TRUE(contains(r.err, "capacity 100 bytes is infeasible: task 'C3[r0,c0,k0]' needs 1427 bytes"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "the smallest capacity that works is 1427 bytes")) << r.err;
}

TEST(OffchipCli, ScratchpadBytesOutOfRangeIsExit2) {
  const Outcome r = simulate_ddr4("-5", {"--traces", "false"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "--scratchpad-bytes")) << r.err;
  EXPECT_TRUE(contains(r.err, "0..1073741824")) << r.err;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  return cells;
}

// network_study on a 4 KiB DDR4 platform: the scratchpad is not sized up, every
// policy stays within it and the CSV carries the DRAM traffic, split.
TEST(OffchipCli, NetworkStudyKeepsTheScratchpadAndReportsDramTraffic) {
  std::string platform = slurp(source("configs/platforms/default_ddr4.json"));
  platform.replace(platform.find("65536"), 5, "4096");
  const std::string dir = temp("offchip_study");
  const Outcome r =
      run_tool("network_study", {"--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform",
                                 write_file("ddr4_4k.json", platform), "--traces", "false", "--out", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(contains(r.out + r.err, "sized to")) << r.out;
  std::stringstream csv(slurp(dir + "/networks.csv"));
  std::string line;
  std::getline(csv, line);
  const std::vector<std::string> head = split_csv_line(line);
  const auto column = [&](const std::vector<std::string>& row, const std::string& name) {
    for (std::size_t i = 0; i < head.size(); ++i)
      if (head[i] == name) return std::stod(row.at(i));
    ADD_FAILURE() << "no column " << name;
    return 0.0;
  };
  int rows = 0;
  while (std::getline(csv, line)) {
    const std::vector<std::string> row = split_csv_line(line);
    ++rows;
    EXPECT_LE(column(row, "peak_bytes"), 4096) << line;
    EXPECT_LE(column(row, "utilisation"), 1.0) << line;
    EXPECT_GT(column(row, "dram_weight_bytes"), 0) << line;
    EXPECT_GT(column(row, "dram_feature_map_bytes"), 0) << line;
    EXPECT_EQ(column(row, "dram_bytes"),
              column(row, "dram_feature_map_bytes") + column(row, "dram_weight_bytes"))
        << line;
  }
  EXPECT_EQ(rows, 3);
}

}  // namespace
}  // namespace cnnsched::cli_test
