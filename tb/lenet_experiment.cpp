// The main job: the research's LeNet-5 experiment on the SystemC platform.
// Every option can be given on the command line or in an INI file (--config).
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <systemc>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/input_file.hpp>
#include <cnnsched/sched/version.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/cli/ini_config.hpp>
#include <cnnsched/sim/studies/lenet_experiment.hpp>

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

std::vector<int> parse_int_list(const std::string& text, const std::string& option) {
  std::vector<int> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      std::size_t used = 0;
      const int v = std::stoi(item, &used);
      if (used != item.size() || v < 1 || v > 64) throw std::invalid_argument(item);
      values.push_back(v);
    } catch (const std::exception&) {
      throw InputError(option, "", "'" + text + "' is not a comma-separated list of PE counts in 1..64");
    }
  }
  return values;
}

int run(int argc, char** argv) {
  const std::string src = CNNSCHED_SOURCE_DIR;
  ExperimentOptions o;
  std::string pe_counts = "1,2,4,8";
  std::string config;
  po::options_description opts("lenet_experiment options (command line or INI file)");
  opts.add_options()("help,h", "show this help")(
      "config", po::value(&config), "INI file with any of the options below (command line wins)")(
      "network", po::value(&o.network)->default_value(src + "/configs/networks/lenet5_c1s2c3.json"),
      "network config of the main study (LeNet-5 C1-S2-C3)")(
      "full-network", po::value(&o.full_network)->default_value(src + "/configs/networks/lenet5.json"),
      "second network, run with the three policies (empty: skip)")(
      "platform", po::value(&o.platform)->default_value(src + "/configs/platforms/default_ddr4.json"),
      "platform config (PEs, scratchpad, interconnect, DRAM) of every study but the slicing studies")(
      "hetero-platform",
      po::value(&o.hetero_platform)->default_value(src + "/configs/platforms/hetero_ddr4.json"),
      "heterogeneous platform added to the PE study (empty: skip)")(
      "slicing-platform",
      po::value(&o.slicing_platform)->default_value(src + "/configs/platforms/default.json"),
      "platform of the two slicing studies (on chip only, as the research had)")(
      "out", po::value(&o.out_dir)->default_value("traces"), "output folder for CSV, traces and plots")(
      "sweep-points", po::value(&o.sweep_points)->default_value(8),
      "memheft capacities in the sweep (2..1000)")(
      "max-cost-pct", po::value(&o.max_cost_pct)->default_value(10.0),
      "headline memheft: least memory with at most this makespan cost vs layer-by-layer")(
      "pe-counts", po::value(&pe_counts)->default_value(pe_counts),
      "PE counts of the PE study, e.g. 1,2,4,8")(
      "slicing-study", po::value(&o.slicing_study)->default_value(true),
      "run the slicing studies (C1, S2, C3 cut alike; S2 alone between fixed C1 and C3)")(
      "plots", po::value(&o.plots)->default_value(true), "draw PNG plots with gnuplot")(
      "traces", po::value(&o.traces)->default_value(true),
      "write VCD/GTKWave/CSV/Perfetto of the headline runs")(
      "contention", po::value<bool>(),
      "true|false: model interconnect contention on every platform (default: each platform file's "
      "interconnect.contention)")(
      "functional", po::value(&o.functional)->default_value(false),
      "functional mode: real data through every run, checked bit-exact against an untiled reference "
      "(a mismatch is an error)");
  po::variables_map vm;
  const po::parsed_options command_line = po::command_line_parser(argc, argv).options(opts).run();
  refuse_positional(command_line);
  po::store(command_line, vm);
  if (vm.count("help")) {
    std::cout << "Usage: lenet_experiment [options]\n\n" << opts << '\n';
    return kExitOk;
  }
  // Where each option came from, so a bad value names the INI file and its key.
  std::string ini;
  std::set<std::string> from_command_line, from_ini;
  for (const auto& [key, value] : vm)
    if (!value.defaulted()) from_command_line.insert(key);
  if (vm.count("config")) {
    ini = vm["config"].as<std::string>();
    // values given on the command line win
    from_ini = store_ini_options(read_input_file(ini, kMaxIniFileBytes, "an INI file"), ini, opts, vm);
  }
  const auto source = [&](const std::string& option) {
    if (!from_command_line.count(option) && from_ini.count(option)) return ini + ": key '" + option + "'";
    return "--" + option;
  };
  po::notify(vm);
  // Paths in the INI file are relative to its folder, not to where the tool runs.
  const std::filesystem::path ini_dir = std::filesystem::path(ini).parent_path();
  for (auto [key, value] :
       {std::pair{"network", &o.network}, std::pair{"full-network", &o.full_network},
        std::pair{"platform", &o.platform}, std::pair{"hetero-platform", &o.hetero_platform},
        std::pair{"slicing-platform", &o.slicing_platform}, std::pair{"out", &o.out_dir}})
    if (source(key) != "--" + std::string(key) && !value->empty() &&
        std::filesystem::path(*value).is_relative())
      *value = (ini_dir / *value).string();
  // One simulation per point: a bound keeps a typo such as 1000000 from running for hours.
  if (o.sweep_points < 2 || o.sweep_points > 1000)
    throw InputError(source("sweep-points"), "", "must be an integer in 2..1000");
  if (!(o.max_cost_pct >= 0) || !std::isfinite(o.max_cost_pct))
    throw InputError(source("max-cost-pct"), "", "must be a number >= 0");
  o.pe_counts = parse_int_list(pe_counts, source("pe-counts"));
  if (vm.count("contention")) o.contention = vm["contention"].as<bool>();
  prepare_output_dir(o.out_dir, source("out"));
  run_lenet_experiment(o, std::cout, std::cerr);
  return kExitOk;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  if (print_version_if_asked({argv + 1, argv + argc})) return kExitOk;
  return run_reporting_errors("lenet_experiment", [&] { return run(argc, argv); });
}
