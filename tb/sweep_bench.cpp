// Sweep throughput: a LeNet-5 sweep spec (default configs/sweeps/lenet5_bench.json,
// 1000 points) run
//  (a) in this process, point after point (plan + simulation in a forked child,
//      as the study executables do): the cost of the simulation itself;
//  (b) through `cnnsched sweep run` (Snakemake, one `cnnsched run` process per
//      point) on each of --cores (default 1 and 2), from an empty folder.
// Prints points per second, the scaling from the first to the last core count,
// Snakemake's mean per-job wall time (its benchmark files) and the engine's
// overhead per point: (b) per point on one core minus (a) per point. The load
// average before and after is printed too: other work on the machine skews it.
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <systemc>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>
#include <cnnsched/sim/sweep/sweep_run.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>

namespace po = boost::program_options;
using namespace cnnsched;
namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

// The mean of the "s" column of Snakemake's per-job benchmark files.
double mean_job_seconds(const std::string& dir) {
  double sum = 0;
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir + "/benchmarks")) {
    std::ifstream in(e.path());
    std::string header;
    double s = 0;
    if (std::getline(in, header) && in >> s) {
      sum += s;
      ++n;
    }
  }
  return n ? sum / n : 0;
}

double in_process_seconds(const std::vector<nlohmann::json>& points) {
  const auto t0 = std::chrono::steady_clock::now();
  int failed = 0;
  for (const nlohmann::json& p : points) {
    try {
      run_point(p, "point", true);
    } catch (const std::exception&) {
      ++failed;  // counted like a recorded failure: its cost is in the time too
    }
  }
  if (failed) std::printf("  (%d points failed)\n", failed);
  return seconds_since(t0);
}

double sweep_seconds(const std::string& spec, const std::string& dir, int cores) {
  fs::remove_all(dir);
  SweepRunOptions o;
  o.spec = spec;
  o.out_dir = dir;
  o.cores = cores;
  o.snakefile = find_snakefile(CNNSCHED_SOURCE_DIR);
  o.cnnsched = (fs::path(own_executable()).parent_path() / "cnnsched").string();
  o.log = dir + ".snakemake.log";
  o.quiet = true;
  const auto t0 = std::chrono::steady_clock::now();
  if (run_sweep(o) != 0) throw std::runtime_error("the sweep failed; see " + o.log);
  return seconds_since(t0);
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  return run_reporting_errors("sweep_bench", [&] {
    std::string spec = std::string(CNNSCHED_SOURCE_DIR) + "/configs/sweeps/lenet5_bench.json";
    std::string out = "traces/sweep_bench";
    std::vector<int> cores = {1, 2};
    po::options_description opts("Options");
    opts.add_options()("spec", po::value(&spec)->default_value(spec), "the sweep spec")(
        "out", po::value(&out)->default_value(out), "folder for the sweep folders")(
        "cores", po::value(&cores)->multitoken(), "core counts to run the sweep on (default: 1 2)")(
        "help,h", "show this help");
    po::variables_map vm;
    if (!parse_command_line(argc, argv, opts, vm,
                            "usage: sweep_bench [--spec SPEC] [--cores N...] [--out DIR]"))
      return kExitOk;
    for (int c : cores)
      if (c < 1) throw InputError("--cores", "", "every core count must be >= 1");
    prepare_output_dir(out, "--out");
    const std::vector<nlohmann::json> points = load_sweep(spec);
    const double n = static_cast<double>(points.size());
    std::printf("sweep_bench: %zu points from %s; load average before: %s\n", points.size(), spec.c_str(),
                load_average().c_str());
    const double inproc = in_process_seconds(points);
    std::printf("in-process (plan + simulation per point): %.1f s, %.1f points/s, %.2f ms/point\n", inproc,
                n / inproc, 1e3 * inproc / n);
    std::vector<double> rates;
    double one_core_per_point = 0;
    for (int c : cores) {
      const std::string dir = out + "/cores" + std::to_string(c);
      const double t = sweep_seconds(spec, dir, c);
      rates.push_back(n / t);
      if (c == 1 || one_core_per_point == 0) one_core_per_point = t * c / n;
      std::printf("snakemake on %d core(s): %.1f s, %.1f points/s; mean job wall time %.3f s\n", c, t, n / t,
                  mean_job_seconds(dir));
    }
    if (rates.size() > 1)
      std::printf("scaling %d -> %d cores: %.2fx\n", cores.front(), cores.back(),
                  rates.back() / rates.front());
    const double sim = inproc / n;
    std::printf(
        "engine overhead per point: %.1f ms (%.1f ms per point through snakemake on one core vs %.1f ms "
        "in process): %.1fx the simulation itself\n",
        1e3 * (one_core_per_point - sim), 1e3 * one_core_per_point, 1e3 * sim,
        (one_core_per_point - sim) / sim);
    std::printf("load average after: %s\n", load_average().c_str());
    return kExitOk;
  });
}
