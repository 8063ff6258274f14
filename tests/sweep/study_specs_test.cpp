// The studies run through the sweep path: every row lenet_experiment writes to
// results.csv equals its point of the specs in configs/sweeps/lenet5_*.json,
// expanded by `cnnsched sweep expand` and run one by one with `cnnsched run --point`.
#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sim/studies/network_study.hpp>

#include "cli/cli_support.hpp"
#include "sim/sim_test_support.hpp"

namespace cnnsched::study_specs_test {
namespace {

using test::read_csv;

using cli_test::run_tool;
using nlohmann::json;

// The points of a spec, as `cnnsched sweep expand` lists them (one {"hash", "point"} a line).
std::vector<json> expand(const std::string& spec) {
  const cli_test::Outcome r =
      run_tool("cnnsched", {"sweep", "expand", cli_test::source("configs/sweeps/" + spec)});
  EXPECT_EQ(r.code, 0) << r.err;
  std::vector<json> points;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) points.push_back(json::parse(line).at("point"));
  return points;
}

json run_point_command(const json& point, int n) {
  const std::string path = cli_test::write_file("point" + std::to_string(n) + ".json", point.dump());
  const std::string out = cli_test::temp("result" + std::to_string(n) + ".json");
  const cli_test::Outcome r = run_tool("cnnsched", {"run", "--point", path, "--out", out});
  EXPECT_EQ(r.code, 0) << r.err;
  return json::parse(cli_test::slurp(out));
}

// A CSV number (written with 10 significant digits) against the result's value.
void expect_same(const std::string& csv, const json& value, const std::string& what) {
  const double a = std::stod(csv), b = value.get<double>();
  EXPECT_LE(std::fabs(a - b), 1e-9 * std::max(1.0, std::fabs(b)))
      << what << ": csv " << csv << ", point " << b;
}

// Every column of `row` that a point's result has equals it.
void expect_row_matches(const std::map<std::string, std::string>& row, const json& point,
                        const json& result) {
  ASSERT_EQ(result.at("status"), "ok");
  EXPECT_EQ(row.at("policy"), point.at("policy").get<std::string>());
  const std::map<std::string, std::string> same = {{"pes", "num_pes"},
                                                   {"capacity_bytes", "capacity_bytes"},
                                                   {"tasks", "tasks"},
                                                   {"planned_makespan_ps", "planned_makespan"},
                                                   {"makespan_ps", "makespan"},
                                                   {"planned_peak_bytes", "planned_peak"},
                                                   {"peak_bytes", "peak"},
                                                   {"mean_bytes", "mean_bytes"},
                                                   {"utilisation", "utilisation"},
                                                   {"dram_feature_map_bytes", "dram_feature_map_bytes"},
                                                   {"dram_bytes", "dram_total_bytes"}};
  const json& m = result.at("metrics");
  for (const auto& [column, metric] : same) expect_same(row.at(column), m.at(metric), column);
  expect_same(row.at("dram_weight_bytes"),
              m.at("dram_weight_bytes").get<double>() + m.at("dram_weight_reload_bytes").get<double>(),
              "dram_weight_bytes");
  // The action counts and energy: the CSV's columns by the metrics' own names.
  int energy_columns = 0;
  for (const auto& [column, value] : row)
    if ((column.rfind("actions_", 0) == 0 || column.rfind("energy_", 0) == 0 || column == "edp_pj_s") &&
        ++energy_columns)
      expect_same(value, m.at(column), column);
  EXPECT_GT(energy_columns, 10);
}

TEST(StudySpecs, LenetExperimentRowsEqualTheSpecPointsRunOneByOne) {
  const std::string out = cli_test::temp("experiment");
  const cli_test::Outcome e =
      run_tool("lenet_experiment", {"--out", out, "--plots", "false", "--traces", "false"});
  ASSERT_EQ(e.code, 0) << e.err;
  const auto rows = read_csv(out + "/results.csv");

  // The experiment's studies in its order, each with its spec.
  std::vector<json> points;
  for (const char* spec : {"lenet5_policies.json", "lenet5_full.json", "lenet5_pes.json",
                           "lenet5_hetero.json", "lenet5_slicing.json", "lenet5_pool_slicing.json"})
    for (json& p : expand(spec)) points.push_back(std::move(p));
  ASSERT_EQ(points.size(), 115u);
  ASSERT_EQ(rows.size(), points.size());

  for (std::size_t i = 0; i < points.size(); ++i) {
    SCOPED_TRACE(rows[i].at("study") + " / " + rows[i].at("config") + " / " + rows[i].at("policy"));
    expect_row_matches(rows[i], points[i], run_point_command(points[i], static_cast<int>(i)));
  }
  // The rules resolve to distinct capacities across the sweep (it is not one point eight times).
  EXPECT_LT(std::stol(rows[4].at("capacity_bytes")), std::stol(rows[11].at("capacity_bytes")));
}

TEST(StudySpecs, NetworkStudyRowsEqualTheSpecPointsRunOneByOne) {
  // LeNet-5 only (the spec's first three points): the larger networks take minutes.
  const std::string out = cli_test::temp("networks");
  const cli_test::Outcome e = run_tool(
      "network_study", {"--out", out, "--network", cli_test::source("configs/networks/lenet5.json")});
  ASSERT_EQ(e.code, 0) << e.err;
  const auto rows = read_csv(out + "/networks.csv");
  const std::vector<json> points = expand("network_study.json");
  ASSERT_EQ(points.size(), 15u);
  ASSERT_EQ(rows.size(), 3u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(rows[i].at("policy"));
    EXPECT_EQ(points[i].at("network"), cli_test::source("configs/networks/lenet5.json"));
    expect_row_matches(rows[i], points[i], run_point_command(points[i], 100 + static_cast<int>(i)));
  }
}

TEST(StudySpecs, NetworkStudyScratchpadsAreTheStudysOwn) {
  const Platform platform = load_platform(cli_test::source("configs/platforms/default.json"));
  std::string last;
  for (const json& p : expand("network_study.json")) {
    const std::string network = p.at("network");
    if (network == last) continue;
    last = network;
    SCOPED_TRACE(network);
    const CnnGraph cnn = build_cnn_graph(load_network_file(network), platform);
    EXPECT_EQ(p.at("overrides").at("scratchpad.bytes").get<Bytes>(),
              study_scratchpad_bytes(platform, cnn, 10.0));
  }
}

TEST(StudySpecs, ABadCapacityRuleIsExit2NamingTheFileAndTheField) {
  const json point = {{"network", cli_test::source("configs/networks/lenet5_c1s2c3.json")},
                      {"platform", cli_test::source("configs/platforms/default.json")},
                      {"capacity", "step:8/8"}};
  const std::string path = cli_test::write_file("bad_capacity.json", point.dump());
  const cli_test::Outcome run = run_tool("cnnsched", {"run", "--point", path});
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find(path + ": field 'capacity': 'step:8/8': I must be in 0..7; allowed:"),
            std::string::npos)
      << run.err;
  const std::string spec = cli_test::write_file(
      "bad_capacity_spec.json",
      json({{"base", point},
            {"axes", json::array({{{"field", "capacity"}, {"values", {"smallest", "least"}}}})}})
          .dump());
  const cli_test::Outcome expand = run_tool("cnnsched", {"sweep", "expand", spec});
  EXPECT_EQ(expand.code, 2);
  EXPECT_NE(expand.err.find("'least' is not a capacity; allowed:"), std::string::npos) << expand.err;
}

}  // namespace
}  // namespace cnnsched::study_specs_test
