// cnnsched: schedule task DAGs and export CNN tile graphs from the command line.
// Thin on purpose: every verb parses its options and calls into sched/. Verbs
// live in one table, so adding one (e.g. `simulate`) is one function and a row.
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sched/cnn_graph.hpp"
#include "sched/dag_io.hpp"
#include "sched/errors.hpp"
#include "sched/heft.hpp"
#include "sched/layer_scheduler.hpp"
#include "sched/memheft.hpp"
#include "sched/network.hpp"
#include "sched/platform.hpp"
#include "sched/schedule_io.hpp"
#include "sched/validator.hpp"

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

using Args = std::vector<std::string>;

struct Verb {
  const char* name;
  const char* summary;
  std::function<int(const std::string& prog, const Args& args)> run;
};

// Parses a verb's options; returns false when --help was printed.
bool parse(const std::string& prog, const Args& args, po::options_description& opts, po::variables_map& vm,
           const char* usage) {
  opts.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: " << prog << " " << usage << "\n\n" << opts << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

// Opens --out for writing (an InputError naming the option when it cannot).
std::ofstream open_out(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw InputError("--out", "", "cannot write '" + path + "'");
  return out;
}

int run_schedule(const std::string& prog, const Args& args) {
  std::string dag_path, policy, out_path;
  Bytes capacity = -1;
  po::options_description opts("Options");
  opts.add_options()("dag", po::value(&dag_path)->required(),
                     "task graph JSON (format: see configs/dags/*.json)")(
      "policy", po::value(&policy)->default_value("heft"),
      "heft (insertion-based HEFT), memheft (memory-aware HEFT, never above the capacity) or layer "
      "(layer by layer; every task needs a layer)")(
      "capacity", po::value(&capacity),
      "memory bound in bytes, overriding the file's memory_capacity; memheft honours it (0 or none: "
      "unconstrained), heft and layer only report whether they meet it")(
      "out", po::value(&out_path), "write the schedule as JSON to this file");
  po::variables_map vm;
  if (!parse(prog, args, opts, vm,
             "schedule --dag FILE.json [--policy heft|memheft|layer] [--capacity BYTES] "
             "[--out schedule.json]"))
    return kExitOk;
  if (vm.count("capacity") && capacity < 0) throw InputError("--capacity", "", "must be an integer >= 0");
  if (policy != "heft" && policy != "memheft" && policy != "layer")
    throw InputError("--policy", "", "'" + policy + "' is not a policy; allowed: heft, memheft, layer");

  const DagFile dag = load_dag_json(dag_path);
  if (!vm.count("capacity")) capacity = dag.memory_capacity;
  Schedule s;
  if (policy == "heft") {
    s = schedule_heft(dag.graph);
  } else if (policy == "memheft") {
    s = schedule_memheft(dag.graph, dag.buffers, capacity);
  } else {
    try {
      s = schedule_layer_by_layer(dag.graph);
    } catch (const std::invalid_argument& e) {
      throw InputError(dag_path, "tasks",
                       std::string(e.what()) +
                           " (the layer policy needs layers that increase "
                           "along every edge)");
    }
  }
  // The schedule must be valid; only memheft promises the capacity.
  const ValidationReport r = validate(dag.graph, dag.buffers, s, policy == "memheft" ? capacity : 0);
  if (!r.ok) throw std::logic_error("the " + policy + " schedule is invalid: " + r.violations.front());
  if (!out_path.empty()) {
    std::ofstream out = open_out(out_path);
    write_schedule_json(out, dag.graph, s, r.peak_bytes);
    if (!out) throw InputError("--out", "", "cannot write '" + out_path + "'");
  }
  std::printf("makespan: %lld\n", static_cast<long long>(r.makespan));
  std::printf("peak_memory_bytes: %lld\n", static_cast<long long>(r.peak_bytes));
  std::printf("policy: %s\n", policy.c_str());
  std::printf("tasks: %d\nprocessors: %d\n", dag.graph.num_tasks(), dag.graph.num_processors());
  std::printf("mean_memory_bytes: %.1f\n", r.mean_bytes);
  if (capacity > 0)
    std::printf("capacity: %lld (%s)\n", static_cast<long long>(capacity),
                r.peak_bytes <= capacity ? "met" : "exceeded");
  else
    std::printf("capacity: none\n");
  std::printf("mean_utilisation: %.3f\n", r.mean_utilisation);
  std::printf("lower_bound: %lld\n", static_cast<long long>(r.lower_bound));
  return kExitOk;
}

int run_dag(const std::string& prog, const Args& args) {
  std::string network, platform, out_path, buffers = "tile";
  po::options_description opts("Options");
  opts.add_options()("network", po::value(&network)->required(), "network JSON (configs/networks/*.json)")(
      "platform", po::value(&platform)->required(), "platform JSON (configs/platforms/*.json); required")(
      "buffers", po::value(&buffers)->default_value(buffers),
      "tile: a buffer per tile and weight slice; layer: the same grouped per layer (the layer-by-layer "
      "baseline's memory)")(
      "out", po::value(&out_path)->required(),
      "the task graph JSON to write (its memory_capacity is the platform's scratchpad size)");
  po::variables_map vm;
  if (!parse(prog, args, opts, vm,
             "dag --network NET.json --platform PLATFORM.json [--buffers tile|layer] --out dag.json"))
    return kExitOk;
  if (buffers != "tile" && buffers != "layer")
    throw InputError("--buffers", "", "'" + buffers + "' is not allowed; allowed: tile, layer");
  const Network net = load_network(network);
  const Platform plat = load_platform(platform);
  const CnnGraph cnn = build_cnn_graph(net, plat);
  std::ofstream out = open_out(out_path);
  if (buffers == "tile")
    write_dag_json(out, cnn.graph, cnn.buffers, plat.scratchpad_bytes);
  else
    write_dag_json(out, cnn.graph, cnn.buffers.grouped(cnn.layer_grouping).plan, plat.scratchpad_bytes);
  if (!out) throw InputError("--out", "", "cannot write '" + out_path + "'");
  std::printf("tasks: %d\nedges: %d\nbuffers: %s\nwritten: %s\n", cnn.graph.num_tasks(),
              cnn.graph.num_edges(), buffers.c_str(), out_path.c_str());
  return kExitOk;
}

const std::vector<Verb>& verbs() {
  static const std::vector<Verb> table = {
      {"schedule", "schedule a task graph (JSON) with heft, memheft or layer and report it", run_schedule},
      {"dag", "build a network's tile task graph on a platform and write it as task graph JSON", run_dag},
  };
  return table;
}

void usage(std::ostream& out) {
  out << "usage: cnnsched <verb> [options]    (cnnsched <verb> --help for the verb's options)\n\nverbs:\n";
  for (const Verb& v : verbs())
    out << "  " << v.name << std::string(10 - std::string(v.name).size(), ' ') << v.summary << "\n";
  out << "\nexit codes: 0 ok, 1 internal error, 2 bad input (options or files), 3 infeasible memory "
         "capacity\n";
}

}  // namespace

int main(int argc, char** argv) {
  const Args all(argv + 1, argv + argc);
  if (all.empty()) {
    usage(std::cerr);
    return kExitInput;
  }
  if (all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
    usage(std::cout);
    return kExitOk;
  }
  const Verb* verb = nullptr;
  for (const Verb& v : verbs())
    if (all[0] == v.name) verb = &v;
  if (!verb) {
    std::cerr << "cnnsched: unknown verb '" << all[0] << "'\n";
    usage(std::cerr);
    return kExitInput;
  }
  const std::string prog = std::string("cnnsched ") + verb->name;
  try {
    return verb->run("cnnsched", Args(all.begin() + 1, all.end()));
  } catch (const po::error& e) {
    std::cerr << prog << ": " << e.what() << " (see " << prog << " --help)\n";
    return kExitInput;
  } catch (const InputError& e) {
    std::cerr << prog << ": " << e.what() << "\n";
    return kExitInput;
  } catch (const InfeasibleCapacity& e) {
    std::cerr << prog << ": " << e.what() << "\n";
    return kExitInfeasible;
  } catch (const std::exception& e) {
    std::cerr << prog << ": internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
