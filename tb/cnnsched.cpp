// cnnsched: schedule task DAGs, export CNN tile graphs and simulate a network's
// plan on the SystemC platform from the command line. Thin on purpose: every
// verb parses its options and calls into sched/ or sim/. Verbs live in one
// table, so adding one is one function and a row.
#include <boost/program_options.hpp>
#include <cstdio>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <systemc>
#include <vector>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sched/io/schedule_io.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/exact.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/version.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/cli/count_option.hpp>
#include <cnnsched/sim/platform/simulation.hpp>
#include <cnnsched/sim/sweep/run_command.hpp>
#include <cnnsched/sim/sweep/sweep_command.hpp>

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
  return parse_command_line(args, opts, vm, "usage: " + prog + " " + usage);
}

// --out given as '' is refused rather than silently writing nothing.
void check_out_path(const po::variables_map& vm, const std::string& path) {
  if (vm.count("out") && path.empty()) throw InputError("--out", "", "must name a file, got ''");
}

int run_schedule(const std::string& prog, const Args& args) {
  std::string dag_path, policy, out_path;
  Bytes capacity = -1;
  ExactOptions exact;
  po::options_description opts("Options");
  opts.add_options()("dag", po::value(&dag_path)->required(),
                     "task graph JSON (format: see configs/dags/*.json)")(
      "policy", po::value(&policy)->default_value("heft"),
      "heft (insertion-based HEFT), memheft (memory-aware HEFT, never above the capacity), layer "
      "(layer by layer; every task needs a layer) or exact (minimum makespan within the capacity, "
      "graphs of at most 24 tasks)")(
      "capacity", po::value(&capacity),
      "memory bound in bytes, overriding the file's memory_capacity; memheft honours it (0 or none: "
      "unconstrained), heft and layer only report whether they meet it")(
      "out", po::value(&out_path), "write the schedule as JSON to this file")(
      "time-limit", po::value(&exact.time_limit_s)->default_value(exact.time_limit_s),
      "exact: seconds of search; when it runs out the best schedule found is given (status best-found)");
  po::variables_map vm;
  if (!parse(prog, args, opts, vm,
             "schedule --dag FILE.json [--policy heft|memheft|layer|exact] [--capacity BYTES] "
             "[--time-limit S] [--out schedule.json]"))
    return kExitOk;
  if (vm.count("capacity") && capacity < 0) throw InputError("--capacity", "", "must be an integer >= 0");
  check_out_path(vm, out_path);
  if (policy != "heft" && policy != "memheft" && policy != "layer" && policy != "exact")
    throw InputError("--policy", "",
                     "'" + policy + "' is not a policy; allowed: heft, memheft, layer, exact");
  if (!(exact.time_limit_s >= 0)) throw InputError("--time-limit", "", "must be a number of seconds >= 0");

  const DagFile dag = load_dag_json(dag_path);
  if (!vm.count("capacity")) capacity = dag.memory_capacity;
  Schedule s;
  ExactStatus status = ExactStatus::Unknown;
  const bool bounded = policy == "memheft" || policy == "exact";
  if (policy == "exact") {
    try {
      s = schedule_exact_or_throw(dag.graph, dag.buffers, capacity, exact, &status);
    } catch (const InputError& e) {
      throw InputError("--policy exact", "", std::string(e.what()).substr(e.source().size() + 2));
    }
  } else if (policy == "heft") {
    s = schedule_heft(dag.graph);
  } else if (policy == "memheft") {
    s = schedule_memheft(dag.graph, dag.buffers, capacity);
  } else {
    // The file's buffers are what it counts; say so, as a tile export would otherwise
    // be taken for the baseline's memory.
    std::cerr << prog << " schedule: note: the layer policy counts the " << dag.buffers.num_buffers()
              << " buffers of " << dag_path
              << " as given; a `cnnsched dag` export holds tile buffers unless written with `--buffers "
                 "layer` (the layer-by-layer baseline's per-layer buffers)\n";
    try {
      s = schedule_layer_by_layer(dag.graph);
    } catch (const std::invalid_argument& e) {
      throw InputError(dag_path, "tasks",
                       std::string(e.what()) +
                           " (the layer policy needs layers that increase "
                           "along every edge)");
    }
  }
  // The schedule must be valid; only memheft and exact promise the capacity.
  const ValidationReport r = validate(dag.graph, dag.buffers, s, bounded ? capacity : 0);
  if (!r.ok) throw std::logic_error("the " + policy + " schedule is invalid: " + r.violations.front());
  if (!out_path.empty()) {
    OutputFile out(out_path);
    write_schedule_json(out.stream(), dag.graph, s, r.peak_bytes);
    out.commit();
  }
  std::printf("makespan: %lld\n", static_cast<long long>(r.makespan));
  std::printf("peak_memory_bytes: %lld\n", static_cast<long long>(r.peak_bytes));
  std::printf("policy: %s\n", policy.c_str());
  if (policy == "exact") std::printf("status: %s\n", exact_status_name(status));
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
  std::string network, platform, out_path, buffers = "tile", auto_slicing;
  std::vector<std::string> slices;
  po::options_description opts("Options");
  opts.add_options()("network", po::value(&network)->required(),
                     "network: JSON config (configs/networks/*.json) or ONNX model (*.onnx)")(
      "platform", po::value(&platform)->required(), "platform JSON (configs/platforms/*.json); required")(
      "auto-slicing", po::value(&auto_slicing),
      "slice every layer: tile-bytes:N (tiles of about N bytes) or spatial:K (K x K tiles)")(
      "slices", po::value(&slices)->composing(),
      "override one layer's slicing, LAYER=ROWS,COLS,CHANNELS (repeatable; LAYER may be input)")(
      "buffers", po::value(&buffers)->default_value(buffers),
      "tile: a buffer per tile and weight slice; layer: the same grouped per layer (the layer-by-layer "
      "baseline's memory)")(
      "out", po::value(&out_path)->required(),
      "the task graph JSON to write (its memory_capacity is the platform's scratchpad size)");
  po::variables_map vm;
  if (!parse(prog, args, opts, vm,
             "dag --network NET.json|NET.onnx --platform PLATFORM.json [--auto-slicing SPEC] "
             "[--slices LAYER=R,C,K]... [--buffers tile|layer] --out dag.json"))
    return kExitOk;
  check_out_path(vm, out_path);
  if (buffers != "tile" && buffers != "layer")
    throw InputError("--buffers", "", "'" + buffers + "' is not allowed; allowed: tile, layer");
  Network net = load_network_file(network);
  apply_slicing_options(net, auto_slicing, slices, "--slices");
  const Platform plat = load_platform(platform);
  const CnnGraph cnn = build_cnn_graph(net, plat);
  OutputFile out(out_path);
  if (buffers == "tile")
    write_dag_json(out.stream(), cnn.graph, cnn.buffers, plat.scratchpad_bytes);
  else
    write_dag_json(out.stream(), cnn.graph, cnn.buffers.grouped(cnn.layer_grouping).plan,
                   plat.scratchpad_bytes);
  out.commit();
  std::printf("tasks: %d\nedges: %d\nbuffers: %s\nwritten: %s\n", cnn.graph.num_tasks(),
              cnn.graph.num_edges(), buffers.c_str(), out_path.c_str());
  return kExitOk;
}

int run_simulate(const std::string& prog, const Args& args) {
  std::string network, platform, policy = "memheft", auto_slicing, out_dir = "traces", stem;
  std::vector<std::string> slices;
  Bytes capacity = 0;
  Bytes scratchpad = 0;
  ExactOptions exact;
  bool contention = true, traces = true, functional = false, all_layers = false;
  po::options_description opts("Options");
  opts.add_options()("network", po::value(&network)->required(),
                     "network: JSON config (configs/networks/*.json) or ONNX model (*.onnx)")(
      "platform", po::value(&platform)->required(), "platform JSON (configs/platforms/*.json)")(
      "policy", po::value(&policy)->default_value(policy),
      "layer, heft, memheft or exact (minimum makespan; tile graphs of at most 24 tasks)")(
      "capacity", po::value(&capacity)->default_value(0),
      "memheft's and exact's memory bound in bytes (0: unconstrained)")(
      "time-limit", po::value(&exact.time_limit_s)->default_value(exact.time_limit_s),
      "exact: seconds of search (then the best schedule found, status best-found)")(
      "auto-slicing", po::value(&auto_slicing),
      "slice every layer: tile-bytes:N (tiles of about N bytes) or spatial:K (K x K tiles)")(
      "slices", po::value(&slices)->composing(),
      "override one layer's slicing, LAYER=ROWS,COLS,CHANNELS (repeatable; LAYER may be input)")(
      "scratchpad-bytes",
      count_option<Bytes>(&scratchpad, "scratchpad-bytes", 0, Platform::kMaxScratchpadBytes),
      "the scratchpad's size in bytes, replacing the platform file's (0: the file's; at most 2^30; with "
      "dram a hard bound for every policy)")(
      "contention", po::value(&contention),
      "true|false: model interconnect contention (default: the platform file's interconnect.contention)")(
      "traces", po::value(&traces)->default_value(true), "write VCD, GTKWave, CSV and Perfetto files")(
      "functional", po::value(&functional)->default_value(false),
      "move real data and check the outputs bit-exact against an untiled reference (exit 1 on a mismatch)")(
      "check-all-layers", po::value(&all_layers)->default_value(false),
      "with --functional: compare every layer's tiles as written, not only the network outputs")(
      "out-dir", po::value(&out_dir)->default_value(out_dir), "folder for traces and the report")(
      "stem", po::value(&stem), "file name stem (default: <network>_<policy>)");
  po::variables_map vm;
  if (!parse(prog, args, opts, vm,
             "simulate --network NET.json|NET.onnx --platform PLATFORM.json "
             "[--policy layer|heft|memheft|exact] [--capacity BYTES] [--time-limit S] [--auto-slicing SPEC] "
             "[--slices LAYER=R,C,K]... [--out-dir DIR]"))
    return kExitOk;
  if (capacity < 0) throw InputError("--capacity", "", "must be an integer >= 0");
  if (!(exact.time_limit_s >= 0)) throw InputError("--time-limit", "", "must be a number of seconds >= 0");
  if (vm.count("stem")) check_file_stem(stem, "--stem");
  if (traces) prepare_output_dir(out_dir, "--out-dir");
  const Policy pol = parse_policy(policy, "--policy");
  if (!vm["capacity"].defaulted() && (pol == Policy::Heft || pol == Policy::LayerByLayer))
    std::cerr << prog << " simulate: warning: --capacity " << capacity << " is ignored: the " << policy
              << " policy has no memory bound (memheft and exact honour it)\n";
  Network net = load_network_file(network);
  apply_slicing_options(net, auto_slicing, slices, "--slices");
  Platform plat = load_platform(platform);
  if (vm.count("contention")) plat.contention = contention;  // else the file's value holds
  if (scratchpad > 0) plat.scratchpad_bytes = scratchpad;
  const CnnGraph cnn = build_cnn_graph(net, plat);
  std::printf("network: %s, %d tasks, %d edges, %d buffers\n", net.name.c_str(), cnn.graph.num_tasks(),
              cnn.graph.num_edges(), cnn.buffers.num_buffers());
  std::fflush(stdout);
  PolicyPlan plan;
  try {
    plan = plan_policy(cnn, pol, plat, capacity, exact);
  } catch (const InputError& e) {
    if (pol != Policy::Exact || e.source() != "exact policy") throw;
    throw InputError("--policy exact", "", std::string(e.what()).substr(e.source().size() + 2));
  }
  if (plan.exact_status) std::printf("exact policy status: %s\n", exact_status_name(*plan.exact_status));
  SimOptions sim;
  if (traces) sim.trace_dir = out_dir;
  sim.stem = stem.empty() ? net.name + "_" + policy_name(pol) : stem;
  sim.functional = functional;
  sim.check_all_layers = all_layers;
  sim.network = &net;
  sim.fail_on_mismatch = true;
  const SimResult r = simulate(cnn, plan, plat, sim);
  std::cout << r.report_text;
  if (!r.report_text.empty() && r.report_text.back() != '\n') std::cout << '\n';
  const SimFiles& f = r.files;
  for (const std::string* file :
       {&f.vcd, &f.gtkw, &f.memory_csv, &f.timeline_csv, &f.dram_csv, &f.perfetto, &f.report})
    if (!file->empty()) std::cout << "written: " << *file << '\n';
  return kExitOk;
}

int run_point(const std::string& prog, const Args& args) {
  std::string point, out_path;
  bool record_failure = false;
  po::options_description opts("Options");
  opts.add_options()("point", po::value(&point)->required(), "the point JSON (see sim/sweep/point.hpp)")(
      "out", po::value(&out_path), "write the result JSON to this file (default: stdout)")(
      "record-failure", po::value(&record_failure)->default_value(false),
      "true: a failing point writes its error and exit code as its result and exits 0");
  po::variables_map vm;
  if (!parse(prog, args, opts, vm, "run --point P.json [--out RESULT.json] [--record-failure true]"))
    return kExitOk;
  check_out_path(vm, out_path);
  return run_point_command(prog + " run", point, out_path, record_failure);
}

int run_sweep_verb(const std::string& prog, const Args& args) {
  return sweep_command(prog + " sweep", args, CNNSCHED_SOURCE_DIR);
}

const std::vector<Verb>& verbs() {
  static const std::vector<Verb> table = {
      {"schedule", "schedule a task graph (JSON) with heft, memheft, layer or exact and report it",
       run_schedule},
      {"dag", "build a network's tile task graph on a platform and write it as task graph JSON", run_dag},
      {"simulate", "plan a network with one policy and simulate it on the SystemC platform, with traces",
       run_simulate},
      {"run", "simulate one sweep point (JSON) and write its result as JSON", run_point},
      {"sweep", "expand a sweep spec, run its points through Snakemake (local or Slurm), merge results",
       run_sweep_verb},
  };
  return table;
}

void usage(std::ostream& out) {
  out << "usage: cnnsched <verb> [options]    (cnnsched help <verb> for its options)\n\nverbs:\n";
  for (const Verb& v : verbs())
    out << "  " << v.name << std::string(10 - std::string(v.name).size(), ' ') << v.summary << "\n";
  out << "\nexit codes: 0 ok, 1 internal error, 2 bad input (options or files), 3 infeasible memory "
         "capacity\n";
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  const Args all(argv + 1, argv + argc);
  if (all.empty()) {
    usage(std::cerr);
    return kExitInput;
  }
  if (print_version_if_asked({all[0]})) return kExitOk;
  const bool help_verb = all[0] == "help" && all.size() == 2;  // "cnnsched help VERB" = "VERB --help"
  if ((all[0] == "--help" || all[0] == "-h" || all[0] == "help") && !help_verb) {
    usage(all.size() == 1 ? std::cout : std::cerr);
    return all.size() == 1 ? kExitOk : kExitInput;
  }
  const std::string& name = help_verb ? all[1] : all[0];
  const Verb* verb = nullptr;
  for (const Verb& v : verbs())
    if (name == v.name) verb = &v;
  if (!verb) {
    std::cerr << "cnnsched: unknown verb '" << name << "'\n";
    usage(std::cerr);
    return kExitInput;
  }
  const std::string prog = std::string("cnnsched ") + verb->name;
  const Args args = help_verb ? Args{"--help"} : Args(all.begin() + 1, all.end());
  return run_reporting_errors(prog.c_str(), [&] { return verb->run("cnnsched", args); });
}
