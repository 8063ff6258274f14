// Scheduling throughput on large task graphs: synthetic layered CNN-like DAGs
// of about 10 k, 100 k and 1 M tasks (and optionally a network's tile graph),
// scheduled by HEFT and memory-aware HEFT on 16 PEs.
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/command_line.hpp>
#include <cnnsched/sched/error_exit.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/version.hpp>

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

template <typename F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void line(const char* graph, const TaskGraph& g, const char* policy, double s, const std::string& note) {
  std::printf("%-14s %9d %9d  %-8s %8.3f s %12.0f tasks/s  %s\n", graph, g.num_tasks(), g.num_edges(), policy,
              s, s > 0 ? g.num_tasks() / s : 0.0, note.c_str());
  std::fflush(stdout);
}

void bench(const char* label, const TaskGraph& g, const BufferPlan& buffers, double fraction,
           bool validate_runs) {
  Schedule heft;
  const double t_heft = seconds([&] { heft = schedule_heft(g); });
  const Bytes heft_peak = memory_profile(g, buffers, heft).peak_bytes;
  line(label, g, "heft", t_heft,
       "makespan " + std::to_string(heft.makespan()) + ", peak " + std::to_string(heft_peak) + " B");
  // Try the requested fraction of HEFT's peak, then larger ones, then no bound.
  std::optional<Schedule> mem;
  std::string note;
  double t = 0;
  for (double f = fraction; !mem; f += 0.1) {
    const bool bounded = f < 1.05;
    const Bytes cap = bounded ? static_cast<Bytes>(f * static_cast<double>(heft_peak)) : 0;
    t = seconds([&] { mem = try_schedule_memheft(g, buffers, cap); });
    char buf[96];
    if (bounded)
      std::snprintf(buf, sizeof buf, "capacity %.2f x HEFT peak%s", f, mem ? "" : " infeasible; ");
    else
      std::snprintf(buf, sizeof buf, "unconstrained");
    note += buf;
  }
  const Bytes mem_peak = memory_profile(g, buffers, *mem).peak_bytes;
  line(label, g, "memheft", t,
       note + ", makespan " + std::to_string(mem->makespan()) + ", peak " + std::to_string(mem_peak) + " B");
  if (g.num_tasks() <= 100000) {
    Bytes smallest = 0;
    const double t_min = seconds([&] { smallest = memheft_smallest_capacity(g, buffers); });
    std::printf(
        "%-14s memheft smallest capacity found: %lld B = %.3f x HEFT peak (reference-order peak, %.3f s)\n",
        label, static_cast<long long>(smallest),
        static_cast<double>(smallest) / static_cast<double>(heft_peak), t_min);
  }
  if (validate_runs) {
    const bool ok = validate(g, buffers, heft, 0).ok && validate(g, buffers, *mem, mem->capacity).ok;
    std::printf("%-14s validation: %s\n", label, ok ? "ok" : "FAILED");
    if (!ok) throw std::runtime_error("a schedule failed validation");
  }
}

// Synthetic graphs of 10 k, 100 k and 1 M tasks up to max_tasks, uniform and heterogeneous.
void bench_synthetic(std::int64_t max_tasks, int processors, double fraction, bool validate_runs) {
  std::vector<std::int64_t> sizes;
  for (std::int64_t s : {10000, 100000, 1000000})
    if (s <= max_tasks) sizes.push_back(s);
  if (sizes.empty()) sizes.push_back(max_tasks);
  for (std::int64_t size : sizes) {
    for (const bool hetero : {false, true}) {
      // hetero: PEs of different speeds and transfer costs between PEs, so HEFT
      // leaves idle gaps and fills them (the insertion path).
      SyntheticDagSpec spec = synthetic_spec_with_tasks(size, processors);
      spec.heterogeneous = hetero;
      spec.max_comm = hetero ? 400 : 0;
      SyntheticDag dag;
      const double t_build = seconds([&] { dag = make_synthetic_dag(spec); });
      const char* label = hetero ? "synth-hetero" : "synthetic";
      std::printf("%s: graph of %d tasks built in %.3f s\n", label, dag.graph.num_tasks(), t_build);
      bench(label, dag.graph, dag.buffers, fraction, validate_runs);
    }
  }
}

struct NetworkBench {
  std::string network, platform;
  int tile_scale = 1;
};

// A network's tile graph, its row and column slices multiplied by tile_scale.
void bench_network(const NetworkBench& nb, int processors, double fraction, bool validate_runs) {
  Network net = load_network(nb.network);
  if (nb.tile_scale < 1) throw InputError("--tile-scale", "", "must be >= 1");
  for (const Layer& layer : std::vector<Layer>(net.layers)) {
    Slices sl = layer.slices;
    sl.rows = static_cast<int>(std::min<std::int64_t>(layer.out.h, std::int64_t{sl.rows} * nb.tile_scale));
    sl.cols = static_cast<int>(std::min<std::int64_t>(layer.out.w, std::int64_t{sl.cols} * nb.tile_scale));
    net.set_slices(layer.name, sl, "--tile-scale");
  }
  Platform plat;
  if (!nb.platform.empty()) {
    plat = load_platform(nb.platform);
  } else {
    for (int p = 0; p < processors; ++p) plat.pes.push_back({"PE" + std::to_string(p), 64, 1000});
  }
  CnnGraph cnn;
  const double t_build = seconds([&] { cnn = build_cnn_graph(net, plat); });
  std::printf("%s tile graph of %d tasks built in %.3f s\n", net.name.c_str(), cnn.graph.num_tasks(),
              t_build);
  bench(net.name.c_str(), cnn.graph, cnn.buffers, fraction, validate_runs);
}

}  // namespace

int main(int argc, char** argv) {
  if (cnnsched::print_version_if_asked({argv + 1, argv + argc})) return 0;
  po::options_description opts("sched_bench: scheduling throughput of HEFT and memory-aware HEFT\nOptions");
  std::int64_t max_tasks = 1000000;
  int processors = 16;
  double fraction = 0.7;
  NetworkBench nb;
  bool validate = false;
  opts.add_options()("help,h", "show this help")("max-tasks", po::value(&max_tasks)->default_value(max_tasks),
                                                 "largest synthetic graph (sizes 10 k, 100 k, 1 M up to "
                                                 "this; smaller values run one graph of this size)")(
      "processors", po::value(&processors)->default_value(processors), "PEs")(
      "capacity-fraction", po::value(&fraction)->default_value(fraction),
      "memheft capacity as a fraction of HEFT's peak (unconstrained when infeasible)")(
      "network", po::value(&nb.network), "also benchmark this network's tile graph")(
      "platform", po::value(&nb.platform), "platform for --network (default: --processors identical PEs)")(
      "tile-scale", po::value(&nb.tile_scale)->default_value(nb.tile_scale),
      "multiply every layer's row and column slices of --network by this (clamped to the layer's size)")(
      "validate", po::value(&validate)->default_value(false), "validate every schedule (slower)");
  return report_errors("sched_bench", [&] {
    po::variables_map vm;
    const auto parsed = po::parse_command_line(argc, argv, opts);
    refuse_positional(parsed);
    po::store(parsed, vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << opts << "\n";
      return kExitOk;
    }
    if (max_tasks < 1 || max_tasks > 10'000'000)
      throw InputError("--max-tasks", "", "must be an integer in 1..10000000");
    if (processors < 1 || processors > 1024)
      throw InputError("--processors", "", "must be an integer in 1..1024");
    // NaN fails every comparison: "fraction <= 0" alone would let it through into an endless search.
    if (!(fraction > 0) || !std::isfinite(fraction))
      throw InputError("--capacity-fraction", "", "must be a finite number > 0");
    std::printf("%-14s %9s %9s  %-8s %10s %18s\n", "graph", "tasks", "edges", "policy", "time", "throughput");
    bench_synthetic(max_tasks, processors, fraction, validate);
    if (!nb.network.empty()) bench_network(nb, processors, fraction, validate);
    return kExitOk;
  });
}
