#include <boost/program_options.hpp>
#include <iostream>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/sweep/point_hash.hpp>
#include <cnnsched/sim/sweep/sweep_command.hpp>
#include <cnnsched/sim/sweep/sweep_merge.hpp>
#include <cnnsched/sim/sweep/sweep_run.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>

namespace cnnsched {

namespace po = boost::program_options;

namespace {

using Args = std::vector<std::string>;

const char* kUsage =
    "usage: cnnsched sweep expand SPEC.json\n"
    "       cnnsched sweep run SPEC.json [--out DIR] [--cores N] [--slurm true] [--keep-going false] "
    "[-- snakemake options]\n"
    "       cnnsched sweep merge DIR";

// The first argument, when it is not an option, is the named one (SPEC or DIR).
Args with_positional(const Args& args, const char* option) {
  if (args.empty() || args[0].empty() || args[0][0] == '-') return args;
  Args out = {option, args[0]};
  out.insert(out.end(), args.begin() + 1, args.end());
  return out;
}

int expand(const Args& args) {
  std::string spec;
  po::options_description opts("Options");
  opts.add_options()("spec", po::value(&spec)->required(), "the sweep spec JSON")("help,h", "show this help");
  po::variables_map vm;
  if (!parse_command_line(with_positional(args, "--spec"), opts, vm, kUsage)) return kExitOk;
  for (const nlohmann::json& p : load_sweep(spec))
    std::cout << nlohmann::json{{"hash", point_hash(p)}, {"point", p}}.dump() << '\n';
  return kExitOk;
}

int merge(const Args& args) {
  std::string dir;
  po::options_description opts("Options");
  opts.add_options()("dir", po::value(&dir)->required(), "the sweep folder")("help,h", "show this help");
  po::variables_map vm;
  if (!parse_command_line(with_positional(args, "--dir"), opts, vm, kUsage)) return kExitOk;
  const MergeCounts c = merge_sweep(dir);
  std::printf("merged %d points: %d ok, %d failed, %d without a result -> %s/results.csv\n", c.points, c.ok,
              c.failed, c.missing, dir.c_str());
  return kExitOk;
}

int run(const Args& all, const std::string& source_dir) {
  Args args = all;
  SweepRunOptions o;
  for (auto it = args.begin(); it != args.end(); ++it)
    if (*it == "--") {
      o.snakemake_args.assign(it + 1, args.end());
      args.erase(it, args.end());
      break;
    }
  po::options_description opts("Options");
  opts.add_options()("spec", po::value(&o.spec)->required(), "the sweep spec JSON")(
      "out", po::value(&o.out_dir)->default_value(o.out_dir), "the sweep folder (results, logs)")(
      "cores", po::value(&o.cores)->default_value(o.cores), "local cores (with --slurm: jobs in flight)")(
      "slurm", po::value(&o.slurm)->default_value(o.slurm),
      "true: submit the points as Slurm jobs (snakemake --slurm)")(
      "keep-going", po::value(&o.keep_going)->default_value(o.keep_going),
      "false: stop at the first failed job")("help,h", "show this help");
  po::variables_map vm;
  if (!parse_command_line(with_positional(args, "--spec"), opts, vm, kUsage)) return kExitOk;
  if (o.cores < 1) throw InputError("--cores", "", "must be an integer >= 1");
  if (o.out_dir.empty()) throw InputError("--out", "", "must name a folder");
  o.snakefile = find_snakefile(source_dir);
  o.cnnsched = own_executable();
  return run_sweep(o);
}

}  // namespace

int sweep_command(const std::string& tool, const Args& args, const std::string& source_dir) {
  (void)tool;
  const std::string sub = args.empty() ? "" : args[0];
  const Args rest = args.empty() ? Args{} : Args(args.begin() + 1, args.end());
  if (sub == "expand") return expand(rest);
  if (sub == "run") return run(rest, source_dir);
  if (sub == "merge") return merge(rest);
  if (sub == "--help" || sub == "-h") {
    std::cout << kUsage << '\n';
    return kExitOk;
  }
  throw InputError("command line", "", "'" + sub + "' is not a sweep command; allowed: expand, run, merge");
}

}  // namespace cnnsched
