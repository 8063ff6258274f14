// A platform file's interconnect.contention holds in `cnnsched simulate` and
// lenet_experiment unless --contention is given, and the report says the value
// actually used (issue #19, item 1).
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

// The default platform with interconnect.contention set to `on`.
std::string platform_with_contention(bool on) {
  nlohmann::json p = nlohmann::json::parse(slurp(source("configs/platforms/default.json")));
  p["interconnect"]["contention"] = on;
  return write_file(on ? "contention_on.json" : "contention_off.json", p.dump());
}

Outcome simulate(const std::string& platform, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"simulate", "--network", lenet5_c1s2c3(), "--platform", platform,
                                   "--policy", "heft",      "--traces",      "false"};
  args.insert(args.end(), extra.begin(), extra.end());
  return cnnsched(args);
}

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

TEST(ContentionOption, SimulateKeepsThePlatformFilesValue) {
  const Outcome off = simulate(platform_with_contention(false), {});
  ASSERT_EQ(off.code, 0) << off.err;
  EXPECT_TRUE(has(off.out, "interconnect contention off")) << off.out;
  EXPECT_TRUE(has(off.out, "total contention wait: 0 ps")) << off.out;
  const Outcome on = simulate(platform_with_contention(true), {});
  ASSERT_EQ(on.code, 0) << on.err;
  EXPECT_TRUE(has(on.out, "interconnect contention on")) << on.out;
  EXPECT_FALSE(has(on.out, "total contention wait: 0 ps")) << on.out;  // LeNet's transfers do collide
}

TEST(ContentionOption, SimulateOptionOverridesTheFile) {
  const Outcome forced_on = simulate(platform_with_contention(false), {"--contention", "true"});
  ASSERT_EQ(forced_on.code, 0) << forced_on.err;
  EXPECT_TRUE(has(forced_on.out, "interconnect contention on")) << forced_on.out;
  const Outcome forced_off = simulate(platform_with_contention(true), {"--contention", "false"});
  ASSERT_EQ(forced_off.code, 0) << forced_off.err;
  EXPECT_TRUE(has(forced_off.out, "interconnect contention off")) << forced_off.out;
}

// The headline runs' reports of a small experiment: one PE count, no second
// network, no slicing study.
std::string lenet_report(const std::string& platform, const std::vector<std::string>& extra) {
  const std::string out = temp(extra.empty() ? "lenet_file" : "lenet_option");
  std::vector<std::string> args = {
      "--platform", platform, "--hetero-platform", "",  "--full-network", "",  "--slicing-study", "false",
      "--plots",    "false",  "--pe-counts",       "4", "--sweep-points", "2", "--out",           out};
  args.insert(args.end(), extra.begin(), extra.end());
  const Outcome r = run_tool("lenet_experiment", args);
  EXPECT_EQ(r.code, 0) << r.err;
  return slurp(out + "/lenet5_c1s2c3_heft.report.txt");
}

TEST(ContentionOption, LenetExperimentKeepsThePlatformFilesValue) {
  const std::string file_value = lenet_report(platform_with_contention(false), {});
  EXPECT_TRUE(has(file_value, "interconnect contention off")) << file_value;
  const std::string forced = lenet_report(platform_with_contention(false), {"--contention", "true"});
  EXPECT_TRUE(has(forced, "interconnect contention on")) << forced;
}

}  // namespace
}  // namespace cnnsched::cli_test
