// fused_study (sim/studies/fused_study.hpp): every row of fused.csv is what
// `cnnsched run --point` gives for the same point, the plots are written, and
// a bad option is exit 2 naming it, before anything is written.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_support.hpp"
#include "sim/sim_test_support.hpp"

namespace cnnsched::fused_study_test {
namespace {

using cli_test::Outcome;

const char* const kColumns[] = {"capacity_bytes",    "dram_feature_map_bytes",
                                "dram_weight_bytes", "dram_total_bytes",
                                "makespan",          "peak",
                                "energy_mac_pj",     "energy_scratchpad_read_pj",
                                "energy_dram_pj",    "energy_static_pj",
                                "energy_total_pj",   "edp_pj_s"};

TEST(FusedStudy, EveryRowIsTheRunOfTheSamePoint) {
  const std::string dir = cli_test::temp("fused_rows");
  const std::string platform = cli_test::source("configs/platforms/default_ddr4.json");
  const Outcome r =
      cli_test::run_tool("fused_study", {"--networks", "lenet5", "--min-bytes", "32768", "--max-bytes",
                                         "131072", "--factor", "4", "--out", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = test::read_csv(dir + "/fused.csv");
  ASSERT_EQ(rows.size(), 6u);  // 32 KiB and 128 KiB x three policies
  for (const char* png : {"fused_dram.png", "fused_makespan.png", "fused_energy.png", "fused_edp.png"})
    EXPECT_FALSE(cli_test::slurp(dir + "/" + png).empty()) << png;
  int policies_seen = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.at("status"), "ok") << row.at("error");
    const std::string policy = row.at("policy");
    policies_seen += policy == "layer" || policy == "heft" || policy == "memheft";
    nlohmann::json point = {{"network", cli_test::source("configs/networks/lenet5.json")},
                            {"platform", platform},
                            {"overrides", {{"scratchpad.bytes", std::stoll(row.at("scratchpad_bytes"))}}},
                            {"policy", policy}};
    if (policy == "memheft") point["capacity"] = std::stoll(row.at("scratchpad_bytes"));
    const std::string point_path = cli_test::write_file("fused_point.json", point.dump());
    const Outcome run = cli_test::cnnsched({"run", "--point", point_path});
    ASSERT_EQ(run.code, 0) << run.err;
    const nlohmann::json metrics = nlohmann::json::parse(run.out).at("metrics");
    EXPECT_EQ(row.at("network"), metrics.at("network_name").get<std::string>());
    for (const char* c : kColumns)
      EXPECT_EQ(nlohmann::json::parse(row.at(c)), metrics.at(c))
          << policy << ' ' << row.at("scratchpad_bytes") << ' ' << c;
  }
  EXPECT_EQ(policies_seen, 6);
  // The larger scratchpad spills less: memheft's feature-map traffic does not grow.
  EXPECT_LE(std::stoll(rows[5].at("dram_feature_map_bytes")),
            std::stoll(rows[2].at("dram_feature_map_bytes")));
}

TEST(FusedStudy, PointsRunThroughTheSweepWithProgressAndTheSpecIsKept) {
  const std::string dir = cli_test::temp("fused_sweep");
  const Outcome r = cli_test::run_tool("fused_study", {"--networks", "lenet5", "--min-bytes", "65536",
                                                       "--max-bytes", "65536", "--cores", "2", "--out", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("sweep: [3/3] points done"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" s left"), std::string::npos) << r.out;
  // The spec it ran is in the folder, its results in the sweep's merged CSV.
  EXPECT_EQ(nlohmann::json::parse(cli_test::slurp(dir + "/fused_spec.json")).at("axes").size(), 3u);
  EXPECT_EQ(test::read_csv(dir + "/sweep/results.csv").size(), 3u);
}

TEST(FusedStudy, EveryPointFailingIsRecordedAndDrawsNoPlot) {
  const std::string dir = cli_test::temp("fused_none");
  // VGG-E's largest task needs more than 64 KiB: every point is exit 3, recorded.
  const Outcome r = cli_test::run_tool("fused_study", {"--networks", "vgg_e_fused5", "--min-bytes", "32768",
                                                       "--max-bytes", "65536", "--out", dir});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("no plots: no point ran"), std::string::npos) << r.out;
  const auto rows = test::read_csv(dir + "/fused.csv");
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "error");
    EXPECT_EQ(row.at("exit_code"), "3");
    EXPECT_NE(row.at("error").find("infeasible"), std::string::npos) << row.at("error");
  }
  EXPECT_TRUE(cli_test::slurp(dir + "/fused_dram.png").empty());
}

TEST(FusedStudy, ABadOptionIsExit2NamingItAndWritesNothing) {
  const std::string dir = cli_test::temp("fused_bad");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--factor", "1"}, "--factor"},
      {{"--factor", "nan"}, "--factor"},
      {{"--min-bytes", "0"}, "--min-bytes"},
      {{"--min-bytes", "65536", "--max-bytes", "32768"}, "--max-bytes"},
      {{"--networks", "no_such_network"}, "no_such_network"},
      {{"--cores", "0"}, "--cores"},
      {{"--platform", cli_test::source("configs/platforms/default.json")}, "DRAM"}};
  for (const auto& [args, named] : cases) {
    std::vector<std::string> all = args;
    all.insert(all.end(), {"--out", dir});
    cli_test::expect_input_error(cli_test::run_tool("fused_study", all), {named});
    EXPECT_TRUE(cli_test::slurp(dir + "/fused.csv").empty()) << args[0];
  }
}

}  // namespace
}  // namespace cnnsched::fused_study_test
