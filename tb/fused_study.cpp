// The fused-layer study (issue #13): DRAM traffic, makespan, energy and EDP of
// the three policies against the scratchpad size (sim/studies/fused_study.hpp).
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <systemc>
#include <thread>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/studies/fused_study.hpp>
#include <cnnsched/sim/sweep/sweep_run.hpp>

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

// "lenet5" -> configs/networks/lenet5.json; a path (with '/' or a suffix) stays.
std::string network_path(const std::string& src, const std::string& name) {
  if (name.find('/') != std::string::npos || name.find('.') != std::string::npos) return name;
  return src + "/configs/networks/" + name + ".json";
}

int run(int argc, char** argv) {
  const std::string src = CNNSCHED_SOURCE_DIR;
  FusedStudyOptions o;
  o.cores = std::max(1u, std::thread::hardware_concurrency());
  o.platform = src + "/configs/platforms/default_ddr4.json";
  std::vector<std::string> networks;
  po::options_description opts("fused_study options");
  opts.add_options()("help,h", "show this help")(
      "networks", po::value(&networks)->composing(),
      "comma-separated networks: names in configs/networks or JSON/ONNX paths (repeatable; default: "
      "lenet5,mobilenet_v1,resnet18,vgg_e_fused5)")(
      "platform", po::value(&o.platform)->default_value(o.platform), "platform config with a DRAM")(
      "min-bytes", po::value(&o.min_bytes)->default_value(o.min_bytes), "smallest scratchpad (bytes)")(
      "max-bytes", po::value(&o.max_bytes)->default_value(o.max_bytes), "largest scratchpad (bytes)")(
      "factor", po::value(&o.factor)->default_value(o.factor), "ratio of one size to the next (> 1)")(
      "auto-slicing", po::value(&o.auto_slicing), "re-slice every network: tile-bytes:N or spatial:K")(
      "cores", po::value(&o.cores)->default_value(o.cores), "points run at once (Snakemake --cores)")(
      "out", po::value(&o.out_dir)->default_value(o.out_dir), "output folder (the sweep in OUT/sweep)");
  po::variables_map vm;
  if (!parse_command_line(argc, argv, opts, vm, "Usage: fused_study [options]")) return kExitOk;
  for (const std::string& list : networks) {
    std::stringstream in(list);
    for (std::string name; std::getline(in, name, ',');)
      if (!name.empty()) o.networks.push_back(network_path(src, name));
  }
  if (networks.empty()) o.networks = default_fused_networks(src);
  if (o.cores < 1) throw InputError("--cores", "", "must be a whole number >= 1");
  o.snakefile = find_snakefile(src);
  o.cnnsched = (std::filesystem::path(own_executable()).parent_path() / "cnnsched").string();
  run_fused_study(o, std::cout);
  return kExitOk;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  return run_reporting_errors("fused_study", [&] { return run(argc, argv); });
}
