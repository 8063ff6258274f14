// Files the tools write are complete or absent: a write error is exit 2 naming
// the file and the OS reason, a failed or interrupted run leaves the previous
// run's files as they were and no temporary file, and names taken from inputs
// never make a file outside the output folder.
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const fs::path d = fs::path(temp(name));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::map<std::string, std::string> contents(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) files[e.path().filename().string()] = slurp(e.path().string());
  return files;
}

int temporaries(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    n += e.path().filename().string().find(".tmp.") != std::string::npos;
  return n;
}

std::vector<std::string> simulate_args(const std::string& network, const fs::path& out) {
  return {"simulate",  "--network", network, "--platform", source("configs/platforms/default.json"),
          "--out-dir", out.string()};
}

std::string lenet_named(const std::string& name) {
  nlohmann::json net = nlohmann::json::parse(slurp(source("configs/networks/lenet5_c1s2c3.json")));
  net["name"] = name;
  return write_file("named_" + std::to_string(name.size()) + ".json", net.dump());
}

TEST(FileSafety, ScheduleOutOnAFullDiskIsExit2WithTheReason) {
  const Outcome r =
      cnnsched({"schedule", "--dag", source("configs/dags/topcuoglu2002.json"), "--out", "/dev/full"});
  expect_input_error(r, {"/dev/full", "No space left on device"});
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
}

TEST(FileSafety, FailedTraceWriteKeepsThePreviousRunAndLeavesNoTemporary) {
  const fs::path out = fresh("keep_previous");
  const std::string net = source("configs/networks/lenet5_c1s2c3.json");
  std::vector<std::string> args = simulate_args(net, out);
  args.insert(args.end(), {"--stem", "run"});
  ASSERT_EQ(cnnsched(args).code, 0);
  std::map<std::string, std::string> before = contents(out);
  ASSERT_EQ(before.size(), 6u);
  // The full disk shows as the timeline CSV on /dev/full; the second run differs (no contention).
  fs::remove(out / "run.timeline.csv");
  fs::create_symlink("/dev/full", out / "run.timeline.csv");
  before.erase("run.timeline.csv");
  args.insert(args.end(), {"--contention", "false"});
  const Outcome r = cnnsched(args);
  expect_input_error(r, {"run.timeline.csv", "No space left on device"});
  EXPECT_EQ(contents(out), before);  // every other file still the first run's
  EXPECT_EQ(temporaries(out), 0);
}

TEST(FileSafety, NetworkNamesNeverLeaveTheOutputFolder) {
  const fs::path root = fresh("names");
  const fs::path out = root / "out";
  for (const std::string& name :
       std::vector<std::string>{"../escape", "a/b", "/abs", std::string(300, 'n'), ".."}) {
    const Outcome r = cnnsched(simulate_args(lenet_named(name), out));
    EXPECT_EQ(r.code, 0) << name << ": signal " << r.signal << "\n" << r.err;
    EXPECT_NE(r.out.find("written: " + out.string() + "/"), std::string::npos) << r.out;
  }
  for (const auto& e : fs::directory_iterator(root))
    EXPECT_EQ(e.path(), out) << "written outside: " << e.path();
  EXPECT_EQ(contents(out).size(), 5u * 6u);
  for (const auto& [name, text] : contents(out)) EXPECT_LE(name.size(), 200u) << name;
}

TEST(FileSafety, FailedRunLeavesNoEmptyOutputFolder) {
  const fs::path root = fresh("no_empty");
  const Outcome r =
      cnnsched({"simulate", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform",
                temp("absent_platform.json"), "--out-dir", (root / "new" / "deeper").string()});
  expect_input_error(r, {"absent_platform.json", "cannot open the file"});
  EXPECT_FALSE(fs::exists(root / "new"));
}

// Inputs read late used to stop a study after it had rewritten the first traces.
TEST(FileSafety, StudiesReadEveryInputBeforeTheirFirstFile) {
  const fs::path out = fresh("validate_first");
  const std::vector<std::string> quick = {"--out",           out.string(), "--plots",     "false",
                                          "--slicing-study", "false",      "--pe-counts", "1",
                                          "--sweep-points",  "2"};
  ASSERT_EQ(run_tool("lenet_experiment", quick).code, 0);
  const std::map<std::string, std::string> before = contents(out);
  ASSERT_GT(before.size(), 6u);
  std::vector<std::string> late_bad = quick;
  late_bad.insert(late_bad.end(), {"--contention", "false", "--hetero-platform", temp("absent_hetero.json")});
  expect_input_error(run_tool("lenet_experiment", late_bad), {"absent_hetero.json"});
  EXPECT_EQ(contents(out), before);

  const fs::path study = fresh("validate_first_study");
  expect_input_error(
      run_tool("network_study", {"--network", source("configs/networks/lenet5.json"), "--network",
                                 temp("absent_net.json"), "--traces", "true", "--out", study.string()}),
      {"absent_net.json"});
  EXPECT_TRUE(contents(study).empty());
  EXPECT_EQ(temporaries(out) + temporaries(study), 0);
}

// Starts `tool` with its output to files; returns the pid.
pid_t start(const std::string& tool, const std::vector<std::string>& args) {
  std::vector<std::string> argv_s = {bin(tool)};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, temp("bg_out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&files, 2, temp("bg_err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&files);
  return pid;
}

// Waits (at most 60 s) until `ready` holds, then sends `sig`; returns the exit code (-1: not an exit).
int interrupt_when(pid_t pid, const std::function<bool()>& ready, int sig) {
  for (int i = 0; i < 60000 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_TRUE(ready()) << "the tool never reached the state to interrupt";
  ::kill(pid, sig);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The report goes to a FIFO nobody reads, so the run blocks there with every
// other file written under its temporary name: an interrupt at a known point.
TEST(FileSafety, InterruptedSimulateRemovesItsTemporariesAndKeepsThePreviousRun) {
  for (const int sig : {SIGTERM, SIGINT}) {
    const fs::path out = fresh("interrupt_" + std::to_string(sig));
    std::vector<std::string> args = simulate_args(source("configs/networks/lenet5_c1s2c3.json"), out);
    args.insert(args.end(), {"--stem", "run"});
    ASSERT_EQ(cnnsched(args).code, 0);
    fs::remove(out / "run.report.txt");
    ASSERT_EQ(::mkfifo((out / "fifo").c_str(), 0600), 0);
    fs::create_symlink(out / "fifo", out / "run.report.txt");
    std::map<std::string, std::string> before = contents(out);
    args.insert(args.end(), {"--contention", "false"});
    const pid_t pid = start("cnnsched", args);
    const int code = interrupt_when(
        pid, [&] { return temporaries(out) == 5; }, sig);
    EXPECT_EQ(code, 128 + sig) << slurp(temp("bg_err.txt"));
    EXPECT_EQ(temporaries(out), 0);
    EXPECT_EQ(contents(out), before);
  }
}

TEST(FileSafety, InterruptedExperimentExits143AndLeavesNoTemporary) {
  const fs::path out = fresh("interrupt_experiment");
  ASSERT_EQ(::mkfifo((out / "fifo").c_str(), 0600), 0);
  fs::create_symlink(out / "fifo", out / "results.csv");  // the experiment blocks at its last file
  const pid_t pid = start("lenet_experiment", {"--out", out.string(), "--plots", "false", "--slicing-study",
                                               "false", "--pe-counts", "1", "--sweep-points", "2"});
  const int code = interrupt_when(
      pid, [&] { return slurp(temp("bg_out.txt")).find("[capacity sweep]") != std::string::npos; }, SIGTERM);
  EXPECT_EQ(code, 143) << slurp(temp("bg_err.txt"));
  EXPECT_EQ(temporaries(out), 0);
}

}  // namespace
}  // namespace cnnsched::cli_test
