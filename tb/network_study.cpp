// The three policies on the built-in networks (or any given), planned and
// simulated: the per-network table of the README.
#include <boost/program_options.hpp>
#include <cmath>
#include <iostream>
#include <systemc>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/studies/network_study.hpp>

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

int run(int argc, char** argv) {
  const std::string src = CNNSCHED_SOURCE_DIR;
  NetworkStudyOptions o;
  o.platform = src + "/configs/platforms/default.json";
  po::options_description opts("network_study options");
  opts.add_options()("help,h", "show this help")(
      "network", po::value(&o.networks)->composing(),
      "network JSON or ONNX (repeatable; default: LeNet-5, AlexNet, VGG-16, ResNet-18, MobileNet-V1)")(
      "platform", po::value(&o.platform)->default_value(o.platform), "platform config")(
      "auto-slicing", po::value(&o.auto_slicing), "re-slice every network: tile-bytes:N or spatial:K")(
      "max-cost-pct", po::value(&o.max_cost_pct)->default_value(10.0),
      "memheft: least memory with at most this makespan cost vs layer-by-layer")(
      "traces", po::value(&o.traces)->default_value(false), "write traces per network and policy")(
      "out", po::value(&o.out_dir)->default_value(o.out_dir), "output folder");
  po::variables_map vm;
  if (!parse_command_line(argc, argv, opts, vm, "Usage: network_study [options]")) return kExitOk;
  if (!(o.max_cost_pct >= 0) || !std::isfinite(o.max_cost_pct))  // NaN fails every comparison
    throw InputError("--max-cost-pct", "", "must be a finite number >= 0");
  if (o.networks.empty())
    for (const char* n : {"lenet5", "alexnet", "vgg16", "resnet18", "mobilenet_v1"})
      o.networks.push_back(src + "/configs/networks/" + n + ".json");
  run_network_study(o, std::cout, std::cerr);
  return kExitOk;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  return run_reporting_errors("network_study", [&] { return run(argc, argv); });
}
