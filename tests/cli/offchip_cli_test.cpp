// `cnnsched simulate` with a DRAM platform: --scratchpad-bytes sets the hard
// bound, the report names the DRAM traffic and the trace folder gets the
// DRAM CSV; a scratchpad below one task's buffers is exit 3 naming the task.
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

}  // namespace
}  // namespace cnnsched::cli_test
