// Bad command-line options of cnnsched and lenet_experiment, and bad INI files
// given to lenet_experiment --config: exit code 2, the option (or the INI file
// and its key) named. None of these runs the experiment.
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

std::string platform() { return source("configs/platforms/default.json"); }

TEST(OptionErrors, CnnschedVerbsAndValues) {
  expect_input_error(cnnsched({"frobnicate"}), {"unknown verb 'frobnicate'"});
  expect_input_error(cnnsched({"schedule", "--policy", "heft"}), {"--dag", "required"});
  expect_input_error(cnnsched({"schedule", "--dag", "x.json", "--capacity", "lots"}), {"--capacity"});
  expect_input_error(cnnsched({"schedule", "--dag", "x.json", "--capacity", "-1"}), {"--capacity", ">= 0"});
  expect_input_error(cnnsched({"schedule", "--dag", "x.json", "--policy", "fifo"}),
                     {"--policy", "allowed: heft, memheft, layer"});
  expect_input_error(cnnsched({"dag", "--network", lenet5_c1s2c3(), "--platform", platform(), "--out",
                               "o.json", "--buffers", "all"}),
                     {"--buffers", "allowed: tile, layer"});
  expect_input_error(
      cnnsched({"simulate", "--network", lenet5_c1s2c3(), "--platform", platform(), "--bogus"}), {"bogus"});
}

TEST(OptionErrors, SimulateSlicingAndOutputs) {
  const std::vector<std::string> base = {"simulate", "--network", lenet5_c1s2c3(), "--platform", platform()};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return cnnsched(args);
  };
  expect_input_error(with({"--policy", "fifo"}), {"--policy", "fifo"});
  expect_input_error(with({"--auto-slicing", "magic"}), {"--auto-slicing", "tile-bytes:N", "spatial:K"});
  expect_input_error(with({"--slices", "C1=1,1"}), {"--slices", "LAYER=ROWS,COLS,CHANNELS"});
  expect_input_error(with({"--slices", "ZZ=1,1,1"}), {"--slices", "no layer 'ZZ'", "C1"});
  expect_input_error(with({"--slices", "C1=100,1,1"}), {"--slices", "C1.slices", "a tile would be empty"});
  expect_input_error(with({"--contention", "maybe"}), {"--contention"});
  const std::string file = write_file("plain_file", "x");
  expect_input_error(with({"--out-dir", file + "/sub"}), {"--out-dir", "cannot create the folder"});
  expect_input_error(with({"--out-dir", temp("traces"), "--stem", "a/b"}), {"--stem", "without '/'"});
}

Outcome lenet(const std::vector<std::string>& args) { return run_tool("lenet_experiment", args); }

TEST(OptionErrors, LenetExperimentCommandLine) {
  expect_input_error(lenet({"--sweep-points", "1"}), {"--sweep-points", "2..1000"});
  expect_input_error(lenet({"--sweep-points", "1000000"}), {"--sweep-points", "2..1000"});
  expect_input_error(lenet({"--sweep-points", "many"}), {"sweep-points"});
  expect_input_error(lenet({"--pe-counts", "1,0"}), {"--pe-counts", "1..64"});
  expect_input_error(lenet({"--max-cost-pct=-3"}), {"--max-cost-pct", ">= 0"});
  expect_input_error(lenet({"--no-such-option"}), {"no-such-option"});
  expect_input_error(lenet({"--network", temp("absent.json")}), {"absent.json", "cannot open"});
}

TEST(OptionErrors, LenetExperimentIniFile) {
  expect_input_error(lenet({"--config", temp("absent.ini")}), {"absent.ini", "cannot open the file"});
  expect_input_error(lenet({"--config", write_file("unknown.ini", "sweep-points = 4\ncolour = red\n")}),
                     {"unknown.ini", "colour"});
  expect_input_error(lenet({"--config", write_file("bad_value.ini", "sweep-points = lots\n")}),
                     {"bad_value.ini", "sweep-points", "lots"});
  expect_input_error(lenet({"--config", write_file("range.ini", "sweep-points = 1\n")}),
                     {"range.ini: key 'sweep-points'", "2..1000"});
  expect_input_error(lenet({"--config", write_file("counts.ini", "pe-counts = 2,x\n")}),
                     {"counts.ini: key 'pe-counts'", "1..64"});
  // The command line wins over the file, and then it is the option that is named.
  expect_input_error(lenet({"--config", write_file("fine.ini", "sweep-points = 4\n"), "--sweep-points", "0"}),
                     {"--sweep-points", "2..1000"});
  expect_input_error(lenet({"--config", write_file("self.ini", "config = other.ini\n")}),
                     {"self.ini", "key 'config' is not allowed"});
}

}  // namespace
}  // namespace cnnsched::cli_test
