#pragma once
// Runs the built executables on small files for the CLI tests. CTest runs every
// test in its own process, in parallel, so each process writes its files into
// a folder of its own (named with getpid()).
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace cnnsched::cli_test {

struct Outcome {
  int code = -1;      // exit code, or -1 when killed by a signal
  int signal = 0;     // the signal that ended it, 0 when it exited
  bool hung = false;  // still running after the time limit
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// This process's folder for its files.
inline std::string temp_dir() {
  static const std::string dir = [] {
    const std::string d = ::testing::TempDir() + "/cnnsched_errors_" + std::to_string(::getpid());
    ::mkdir(d.c_str(), 0700);
    return d;
  }();
  return dir;
}

inline std::string temp(const std::string& name) { return temp_dir() + "/" + name; }

// Writes `text` to a file of the temp folder and returns its path.
inline std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = temp(name);
  std::ofstream(path) << text;
  return path;
}

inline std::string bin(const std::string& tool) { return std::string(CNNSCHED_BIN_DIR) + "/" + tool; }
inline std::string source(const std::string& rel) { return std::string(CNNSCHED_SOURCE_DIR) + "/" + rel; }
// The network most CLI tests run: LeNet-5's first three layers.
inline std::string lenet5_c1s2c3() { return source("configs/networks/lenet5_c1s2c3.json"); }

// Runs `tool` (in the build's bin folder) with `args`, without a shell, under
// coreutils' timeout so a hang is reported rather than stalling the suite.
inline Outcome run_tool(const std::string& tool, const std::vector<std::string>& args, int limit_s = 300) {
  std::vector<std::string> argv_s = {"timeout", "--signal=KILL", std::to_string(limit_s), bin(tool)};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string out = temp("stdout.txt"), err = temp("stderr.txt");
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  Outcome r;
  const int spawned = posix_spawnp(&pid, "timeout", &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) {
    r.err = "cannot start timeout(1)";
    return r;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) {
    r.code = WEXITSTATUS(status);
    // timeout(1) reports a child killed by signal s as 128 + s, and its own kill as 137.
    if (r.code == 137) r.hung = true;
    if (r.code > 128) {
      r.signal = r.code - 128;
      r.code = -1;
    }
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline Outcome cnnsched(const std::vector<std::string>& args) { return run_tool("cnnsched", args); }

// The integer printed right after `label` in `text`, or -1 if `label` is absent.
inline long number_after(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + label.size()));
}

// Asserts a bad-input outcome: exit code 2 and every piece of `expected` in stderr.
inline void expect_input_error(const Outcome& r, const std::vector<std::string>& expected) {
  EXPECT_EQ(r.code, 2) << "signal " << r.signal << (r.hung ? " (hung)" : "") << "\nstderr: " << r.err;
  EXPECT_EQ(r.err.find("internal error:"), std::string::npos) << r.err;
  for (const std::string& piece : expected) EXPECT_NE(r.err.find(piece), std::string::npos) << r.err;
}

}  // namespace cnnsched::cli_test
