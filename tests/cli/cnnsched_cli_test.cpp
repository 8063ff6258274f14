// Runs the cnnsched executable on small files and checks its output and exit codes.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

struct Result {
  int code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// CTest runs each test in its own process, in parallel: every process gets its own file names.
std::string temp(const std::string& name) {
  return ::testing::TempDir() + "/cnnsched_cli_" + std::to_string(::getpid()) + "_" + name;
}

Result run(const std::string& args) {
  const std::string out = temp("stdout.txt"), err = temp("stderr.txt");
  const std::string cmd = std::string(CNNSCHED_BIN_DIR) + "/cnnsched " + args + " >" + out + " 2>" + err;
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string write(const std::string& name, const std::string& text) {
  const std::string path = temp(name);
  std::ofstream(path) << text;
  return path;
}

// Topcuoglu et al. 2002, Fig. 2, with output bytes and layers.
const char* kTopcuoglu = R"({"processors": ["P1", "P2", "P3"],
  "tasks": [{"id": "n1", "cost": [14, 16, 9], "output_bytes": 40, "layer": 0},
            {"id": "n2", "cost": [13, 19, 18], "output_bytes": 30, "layer": 1},
            {"id": "n3", "cost": [11, 13, 19], "output_bytes": 20, "layer": 1},
            {"id": "n4", "cost": [13, 8, 17], "output_bytes": 30, "layer": 1},
            {"id": "n5", "cost": [12, 13, 10], "output_bytes": 20, "layer": 1},
            {"id": "n6", "cost": [13, 16, 9], "output_bytes": 20, "layer": 1},
            {"id": "n7", "cost": [7, 15, 11], "output_bytes": 10, "layer": 2},
            {"id": "n8", "cost": [5, 11, 14], "output_bytes": 20, "layer": 2},
            {"id": "n9", "cost": [18, 12, 20], "output_bytes": 30, "layer": 2},
            {"id": "n10", "cost": [21, 7, 16], "output_bytes": 10, "layer": 3}],
  "edges": [{"from": "n1", "to": "n2", "cost": 18}, {"from": "n1", "to": "n3", "cost": 12},
            {"from": "n1", "to": "n4", "cost": 9}, {"from": "n1", "to": "n5", "cost": 11},
            {"from": "n1", "to": "n6", "cost": 14}, {"from": "n2", "to": "n8", "cost": 19},
            {"from": "n2", "to": "n9", "cost": 16}, {"from": "n3", "to": "n7", "cost": 23},
            {"from": "n4", "to": "n8", "cost": 27}, {"from": "n4", "to": "n9", "cost": 23},
            {"from": "n5", "to": "n9", "cost": 13}, {"from": "n6", "to": "n8", "cost": 15},
            {"from": "n7", "to": "n10", "cost": 17}, {"from": "n8", "to": "n10", "cost": 11},
            {"from": "n9", "to": "n10", "cost": 13}]})";

TEST(CnnschedCli, HelpListsVerbs) {
  const Result r = run("--help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("schedule"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dag"), std::string::npos) << r.out;
  const Result v = run("schedule --help");
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("--capacity"), std::string::npos) << v.out;
}

TEST(CnnschedCli, SchedulesTheTopcuogluExampleWithHeft) {
  const std::string dag = write("topcuoglu.json", kTopcuoglu), out = temp("topcuoglu_schedule.json");
  const Result r = run("schedule --dag " + dag + " --policy heft --out " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("makespan: 80\npeak_memory_bytes: ", 0), 0u) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const nlohmann::json s = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(s["makespan"], 80);
  EXPECT_EQ(s["policy"], "heft");
  EXPECT_EQ(s["tasks"].size(), 10u);
  EXPECT_EQ(s["tasks"][9]["finish"], 80);
  EXPECT_NE(r.out.find("peak_memory_bytes: " + std::to_string(s["peak_memory_bytes"].get<long>()) + "\n"),
            std::string::npos);
}

TEST(CnnschedCli, MemheftMeetsTheCapacityOrExitsWith3) {
  const std::string dag = write("topcuoglu_mem.json", kTopcuoglu);
  const Result ok = run("schedule --dag " + dag + " --policy memheft --capacity 200");
  ASSERT_EQ(ok.code, 0) << ok.err;
  const auto at = ok.out.find("peak_memory_bytes: ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LE(std::stol(ok.out.substr(at + 19)), 200);
  EXPECT_NE(ok.out.find("capacity: 200 (met)"), std::string::npos) << ok.out;

  const Result bad = run("schedule --dag " + dag + " --policy memheft --capacity 50");
  EXPECT_EQ(bad.code, 3);
  EXPECT_TRUE(bad.out.empty()) << bad.out;
  EXPECT_NE(bad.err.find("infeasible"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("task 'n"), std::string::npos) << bad.err;
  // The smallest capacity it names works.
  const std::string label = "the smallest capacity memory-aware HEFT meets is ";
  const auto pos = bad.err.find(label);
  ASSERT_NE(pos, std::string::npos) << bad.err;
  const long smallest = std::stol(bad.err.substr(pos + label.size()));
  EXPECT_GT(smallest, 50);
  EXPECT_EQ(run("schedule --dag " + dag + " --policy memheft --capacity " + std::to_string(smallest)).code,
            0);
}

TEST(CnnschedCli, CapacityOptionOverridesTheFile) {
  std::string text = kTopcuoglu;
  text.insert(text.rfind('}'), ", \"memory_capacity\": 10");
  const std::string dag = write("topcuoglu_cap.json", text);
  EXPECT_EQ(run("schedule --dag " + dag + " --policy memheft").code, 3);
  const Result r = run("schedule --dag " + dag + " --policy memheft --capacity 0");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("capacity: none"), std::string::npos) << r.out;
}

TEST(CnnschedCli, BadInputExitsWith2AndNamesTheProblem) {
  const std::string dag = write("good.json", kTopcuoglu);
  Result r = run("schedule --dag " + write("broken.json", "{\"processors\": [") + " --policy heft");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("broken.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.err;

  std::string text = kTopcuoglu;
  text.replace(text.find("[13, 19, 18]"), 12, "[13, 19]");
  r = run("schedule --dag " + write("short_cost.json", text));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("tasks[1].cost"), std::string::npos) << r.err;

  r = run("schedule --dag " + dag + " --policy fifo");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--policy"), std::string::npos) << r.err;

  r = run("schedule --dag " + dag + " --capacity lots");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--capacity"), std::string::npos) << r.err;

  r = run("schedule --dag " + dag + " --frobnicate");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;

  r = run("schedule --policy heft");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--dag"), std::string::npos) << r.err;

  r = run("schedule --dag " + temp("does_not_exist.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("does_not_exist.json"), std::string::npos) << r.err;

  r = run("unknown-verb");
  EXPECT_EQ(r.code, 2);
}

TEST(CnnschedCli, LayerPolicyNeedsLayers) {
  std::string text = kTopcuoglu;
  text.replace(text.find(", \"layer\": 3"), 12, "");
  const std::string dag = write("no_layer.json", text);
  const Result r = run("schedule --dag " + dag + " --policy layer");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("task 'n10' has no layer"), std::string::npos) << r.err;
  EXPECT_EQ(run("schedule --dag " + dag + " --policy heft").code, 0);
}

TEST(CnnschedCli, ExportsANetworkAndSchedulesIt) {
  const std::string dag = temp("lenet_dag.json");
  const Result r =
      run(std::string("dag --network ") + CNNSCHED_SOURCE_DIR "/configs/networks/lenet5.json --platform " +
          CNNSCHED_SOURCE_DIR "/configs/platforms/default.json --out " + dag);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* policy : {"heft", "memheft", "layer"}) {
    const Result s = run("schedule --dag " + dag + " --policy " + policy);
    EXPECT_EQ(s.code, 0) << policy << ": " << s.err;
    EXPECT_EQ(s.out.rfind("makespan: ", 0), 0u) << s.out;
  }
  const Result missing =
      run(std::string("dag --network ") + CNNSCHED_SOURCE_DIR "/configs/networks/lenet5.json --out " + dag);
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--platform"), std::string::npos) << missing.err;
}

}  // namespace
