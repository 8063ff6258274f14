// Inputs the tools used to accept silently or report as a raw library error:
// each is exit 2 naming the file or option, the field and what is allowed, or a
// warning that says what was ignored.
#include <cstdlib>
#include <filesystem>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

Outcome schedule_file(const std::string& dag, const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"schedule", "--dag", dag};
  args.insert(args.end(), more.begin(), more.end());
  return cnnsched(args);
}

const char* kDag = R"({"processors": ["P"], "tasks": [{"id": "a", "cost": 1}, {"id": "b", "cost": 1}],
  "edges": [{"from": "a", "to": "b", "cost": 1}]})";

TEST(InputBounds, NumberBeyondDoubleRangeNamesTheField) {
  const std::string dag =
      write_file("huge.json", R"({"processors": ["P"], "tasks": [{"id": "a", "cost": 1e400}]})");
  expect_input_error(schedule_file(dag),
                     {"huge.json", "tasks[0].cost", "'1e400'", "beyond the range of a double"});
  const std::string platform =
      write_file("huge_platform.json", R"({"name": "p", "pes": [{"name": "pe", "macs_per_cycle": 1e400}]})");
  expect_input_error(cnnsched({"dag", "--network", source("configs/networks/lenet5.json"), "--platform",
                               platform, "--out", temp("never.json")}),
                     {"huge_platform.json", "pes[0].macs_per_cycle", "beyond the range of a double"});
}

TEST(InputBounds, DuplicateKeyIsAnError) {
  const std::string dag =
      write_file("dup.json", R"({"processors": ["P"], "processors": ["Q"], "tasks": []})");
  expect_input_error(schedule_file(dag), {"dup.json", "field 'processors'", "given twice"});
}

TEST(InputBounds, FolderOrEndlessStreamAsInputIsRefused) {
  expect_input_error(schedule_file(temp_dir()), {temp_dir(), "is a folder; allowed: a JSON file"});
  expect_input_error(schedule_file("/dev/zero"), {"/dev/zero", "is larger than 256 MiB"});
  expect_input_error(run_tool("lenet_experiment", {"--config", temp_dir()}),
                     {"is a folder; allowed: an INI file"});
  expect_input_error(run_tool("lenet_experiment", {"--config", "/dev/zero"}),
                     {"/dev/zero", "is larger than 1 MiB; allowed: an INI file of at most 1 MiB"});
}

TEST(InputBounds, StrayArgumentEmptyOutAndIgnoredCapacity) {
  const std::string dag = write_file("ok.json", kDag);
  expect_input_error(schedule_file(dag, {"stray"}), {"unexpected argument 'stray'"});
  expect_input_error(run_tool("lenet_experiment", {"stray"}), {"unexpected argument 'stray'"});
  // The scheduling-only benches refuse one the same way, before any work.
  expect_input_error(run_tool("sched_bench", {"stray"}), {"unexpected argument 'stray'"});
  expect_input_error(run_tool("quality_bench", {"--graphs", "1", "stray"}), {"unexpected argument 'stray'"});
  expect_input_error(schedule_file(dag, {"--out", ""}), {"--out", "must name a file"});
  const Outcome r = cnnsched({"simulate", "--network", source("configs/networks/lenet5_c1s2c3.json"),
                              "--platform", source("configs/platforms/default.json"), "--policy", "heft",
                              "--capacity", "4096", "--traces", "false"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: --capacity 4096 is ignored: the heft policy has no memory bound"),
            std::string::npos)
      << r.err;
}

TEST(InputBounds, NegativeHugeAndNanCountsAreRefused) {
  expect_input_error(run_tool("tlm_bench", {"--jobs", "-1"}), {"--jobs", "'-1'", "1..100000000"});
  expect_input_error(run_tool("tlm_bench", {"--jobs", "1000000000000"}), {"--jobs", "1..100000000"});
  expect_input_error(run_tool("soc_example", {"--traffic-count", "-1"}), {"--traffic-count", "0..10000000"});
  expect_input_error(run_tool("sched_bench", {"--capacity-fraction", "nan"}),
                     {"--capacity-fraction", "finite"});
  expect_input_error(run_tool("sched_bench", {"--processors", "100000"}), {"--processors", "1..1024"});
  expect_input_error(run_tool("network_study", {"--max-cost-pct", "nan"}), {"--max-cost-pct", "finite"});
  expect_input_error(run_tool("lenet_experiment", {"--max-cost-pct", "nan"}), {"--max-cost-pct", ">= 0"});
}

TEST(InputBounds, IniPathsAreRelativeToTheIniFolder) {
  const std::string dir = temp("ini_folder");
  std::filesystem::create_directories(dir);
  const std::string ini = write_file("ini_folder/e.ini", "network = net_beside_the_ini.json\n");
  expect_input_error(run_tool("lenet_experiment", {"--config", ini, "--out", temp("ini_out")}),
                     {dir + "/net_beside_the_ini.json", "cannot open the file"});
}

TEST(InputBounds, DuplicateEdgeIsAnError) {
  const std::string dag =
      write_file("dup_edge.json", R"({"processors": ["P"], "tasks": [{"id": "a", "cost": 1},
    {"id": "b", "cost": 1}], "edges": [{"from": "a", "to": "b", "cost": 1}, {"from": "a", "to": "b", "cost": 9}]})");
  expect_input_error(schedule_file(dag),
                     {"dup_edge.json", "field 'edges[1]'", "'a' -> 'b' is given twice", "first as edges[0]"});
}

// The limit is lowered through the environment so the test means the same on any machine.
TEST(InputBounds, GraphBeyondTheMemoryLimitIsRefusedWithTheEstimate) {
  ::setenv("CNNSCHED_MEMORY_LIMIT_MIB", "1", 1);
  const Outcome r = cnnsched({"simulate", "--network", source("configs/networks/vgg16.json"), "--platform",
                              source("configs/platforms/default.json"), "--auto-slicing", "spatial:16",
                              "--traces", "false"});
  ::unsetenv("CNNSCHED_MEMORY_LIMIT_MIB");
  expect_input_error(
      r, {"vgg16.json", "field 'layers'", "4164 tasks", "would need about", "the limit is 1.0 MiB"});
}

// boost::program_options looped forever filling a placeholder with text that
// holds the placeholder (the INI case found by tests/fuzz/fuzz_ini.cpp).
TEST(InputBounds, PercentPlaceholdersInValuesOrKeysDoNotHang) {
  const Outcome value = run_tool("lenet_experiment", {"--sweep-points", "%value%"}, 20);
  expect_input_error(value, {"--sweep-points", "%25value%25"});
  const Outcome cli = cnnsched({"simulate", "--capacity", "%value%", "--network", "n", "--platform", "p"});
  expect_input_error(cli, {"%25value%25"});
  const Outcome key = run_tool("lenet_experiment",
                               {"--config", source("tests/fuzz/regressions/ini_placeholder_key.ini")}, 20);
  expect_input_error(key, {"ini_placeholder_key.ini", "%25canonical_option%25"});
}

TEST(InputBounds, HelpVerbShowsThatVerbsHelp) {
  const Outcome r = cnnsched({"help", "simulate"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("--out-dir"), std::string::npos) << r.out;
  expect_input_error(cnnsched({"help", "nope"}), {"unknown verb 'nope'"});
}

}  // namespace
}  // namespace cnnsched::cli_test
