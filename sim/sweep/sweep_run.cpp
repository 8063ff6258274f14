#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/wait.h>
#include <thread>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/sweep/point_hash.hpp>
#include <cnnsched/sim/sweep/sweep_merge.hpp>
#include <cnnsched/sim/sweep/sweep_run.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>

namespace cnnsched {

namespace fs = std::filesystem;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts argv (its output to `log` when set); the child's pid.
pid_t start_process(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::cout.flush();
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot start " + argv[0]);
  if (pid == 0) {
    const int fd = log.empty() ? -1 : ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cnnsched sweep run: cannot run %s: %s\n", argv[0].c_str(), std::strerror(errno));
    ::_exit(127);
  }
  return pid;
}

// Points of the folder with a result file.
int results_present(const std::string& dir, const std::vector<std::string>& hashes) {
  int n = 0;
  for (const std::string& h : hashes) n += fs::exists(dir + "/points/" + h + ".json");
  return n;
}

// Waits for `pid`, printing a line whenever more points have a result: done
// of all, elapsed and the time left at this run's pace so far. Returns the
// exit code, or 128 + signal.
int wait_with_progress(pid_t pid, const std::string& dir, const std::vector<std::string>& hashes,
                       bool quiet) {
  const auto start = std::chrono::steady_clock::now();
  const int total = static_cast<int>(hashes.size());
  const int before = results_present(dir, hashes);
  int shown = before, status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const int done = quiet ? shown : results_present(dir, hashes);
    if (done == shown) continue;
    shown = done;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double left = elapsed / (done - before) * (total - done);
    std::printf("sweep: [%d/%d] points done, %.0f s elapsed, about %.0f s left\n", done, total, elapsed,
                left);
    std::fflush(stdout);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> snakemake_command(const SweepRunOptions& o) {
  std::vector<std::string> cmd = {"snakemake", "--snakefile", o.snakefile, "--directory", o.out_dir,
                                  "--config", "cnnsched=" + o.cnnsched,
                                  // a result file is complete or absent (written whole, then renamed), so
                                  // one that exists after a kill is done even if Snakemake did not note it;
                                  // a killed run also leaves its lock; one sweep run per folder at a time
                                  "--ignore-incomplete", "--nolock", "--printshellcmds"};
  if (o.keep_going) cmd.push_back("--keep-going");
  if (o.slurm) {
    // Snakemake 7 turns any status-check rate above 1/s into 3 checks per
    // 100 s on Slurm (a job finished seconds ago waits minutes to be seen);
    // 1/s is the fastest it keeps and light on slurmctld. A later
    // --max-status-checks-per-second among the extra arguments wins.
    cmd.insert(cmd.end(),
               {"--slurm", "--jobs", std::to_string(o.cores), "--max-status-checks-per-second", "1"});
  } else {
    cmd.insert(cmd.end(), {"--cores", std::to_string(o.cores)});
  }
  cmd.insert(cmd.end(), o.snakemake_args.begin(), o.snakemake_args.end());
  return cmd;
}

}  // namespace

SweepFolder write_sweep_folder(const std::string& spec, const std::string& dir) {
  const std::vector<nlohmann::json> points = load_sweep(spec);
  prepare_output_dir(dir + "/points", "--out");
  SweepFolder f;
  std::string list;
  for (const nlohmann::json& p : points) {
    const std::string h = point_hash(p);
    const std::string file = dir + "/points/" + h + ".point.json";
    const std::string text = p.dump(1) + "\n";
    if (!fs::exists(file) || read_text(file) != text) write_output_file(file, text);
    list += h + "\n";
    f.hashes.push_back(h);
    ++f.points;
    if (fs::exists(dir + "/points/" + h + ".json")) ++f.done;
  }
  const std::string list_path = dir + "/points.list";
  if (!fs::exists(list_path) || read_text(list_path) != list) write_output_file(list_path, list);
  return f;
}

int run_sweep(const SweepRunOptions& o) {
  const SweepFolder f = write_sweep_folder(o.spec, o.out_dir);
  if (!o.quiet)
    std::printf("sweep: %d points in %s, %d done, %d left\n", f.points, o.out_dir.c_str(), f.done,
                f.points - f.done);
  const int code =
      wait_with_progress(start_process(snakemake_command(o), o.log), o.out_dir, f.hashes, o.quiet);
  const MergeCounts c = merge_sweep(o.out_dir);
  if (!o.quiet)
    std::printf(
        "sweep: %d points, %d ok, %d failed (recorded), %d without a result; merged into %s/results.csv\n",
        c.points, c.ok, c.failed, c.missing, o.out_dir.c_str());
  if (code != 0) std::fprintf(stderr, "cnnsched sweep run: snakemake exited with %d\n", code);
  return code == 0 ? 0 : kExitInternal;
}

std::string own_executable() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("cnnsched") : p.string();
}

std::string find_snakefile(const std::string& source_dir) {
  if (const char* env = std::getenv("CNNSCHED_SNAKEFILE"); env && *env) return env;
  const fs::path installed =
      fs::path(own_executable()).parent_path().parent_path() / "share/cnnsched/Snakefile";
  if (fs::exists(installed)) return installed.string();
  const fs::path source = fs::path(source_dir) / "sim/sweep/Snakefile";
  if (fs::exists(source)) return source.string();
  throw InputError("sweep run", "", "cannot find the workflow file Snakefile (set CNNSCHED_SNAKEFILE)");
}

}  // namespace cnnsched
