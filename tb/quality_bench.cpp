// Schedule quality: how far HEFT and memory-aware HEFT are from the optimum
// (the exact policy) on random small graphs and on a coarse LeNet-5 C1-S2-C3
// tile graph, and from HEFT and the lower bound at 0.5 / 0.7 / 0.9 x HEFT's
// peak on large synthetic and CNN tile graphs. Every schedule is validated.
#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/command_line.hpp>
#include <cnnsched/sched/error_exit.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/graph/random_dag.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/exact.hpp>
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

void check(const TaskGraph& g, const BufferPlan& b, const Schedule& s, Bytes cap, const char* what) {
  const ValidationReport r = validate(g, b, s, cap);
  if (!r.ok) throw std::logic_error(std::string(what) + " schedule invalid: " + r.violations.front());
}

Bytes peak_of(const TaskGraph& g, const BufferPlan& b, const Schedule& s) {
  return memory_profile(g, b, s).peak_bytes;
}

// Exact results by instance key ("<graph> <capacity>"), read from and written
// to --optima: re-runs that only change the heuristics skip the solver.
class OptimaCache {
 public:
  struct Entry {
    Time makespan = 0;
    bool optimal = false;
  };
  explicit OptimaCache(std::string path) : path_(std::move(path)) {
    if (path_.empty()) return;
    std::ifstream in(path_);
    std::string graph;
    long long cap = 0, makespan = 0;
    int optimal = 0;
    while (in >> graph >> cap >> makespan >> optimal) entries_[key(graph, cap)] = {makespan, optimal != 0};
  }
  ~OptimaCache() {
    if (path_.empty() || !fresh_) return;
    std::ofstream out(path_);
    for (const auto& [k, e] : entries_) out << k << ' ' << e.makespan << ' ' << (e.optimal ? 1 : 0) << '\n';
  }
  // The cached entry, or f()'s (an ExactResult) recorded; the solver's
  // schedule is validated when it runs.
  template <typename F>
  Entry get(const std::string& graph, Bytes cap, F&& f) {
    const std::string k = key(graph, cap);
    if (auto it = entries_.find(k); it != entries_.end()) return it->second;
    fresh_ = true;
    return entries_[k] = f();
  }

 private:
  static std::string key(const std::string& graph, long long cap) {
    return graph + ' ' + std::to_string(cap);
  }
  std::string path_;
  std::map<std::string, Entry> entries_;
  bool fresh_ = false;
};

// Ratios of one policy at one capacity point.
struct Ratios {
  std::vector<double> values;
  int infeasible = 0;  // the policy could not meet a capacity the optimum meets
  void print(const char* policy, const char* point) const {
    std::vector<double> v = values;
    std::sort(v.begin(), v.end());
    const auto within = std::count_if(v.begin(), v.end(), [](double x) { return x <= 1.05 + 1e-12; });
    if (v.empty()) {
      std::printf("  %-8s %-22s %6s\n", policy, point, "-");
      return;
    }
    std::printf(
        "  %-8s %-22s %6zu %8.3f %8.3f %8.3f %9.0f%% %11d\n", policy, point, v.size(), v[v.size() / 2],
        v.back(),
        [&] {
          double s = 0;
          for (double x : v) s += x;
          return s / static_cast<double>(v.size());
        }(),
        100.0 * static_cast<double>(within) / static_cast<double>(v.size()), infeasible);
  }
};

RandomDagSpec random_spec(std::uint64_t seed) {
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ull;  // a fixed mix, so specs do not depend on the library
  const auto next = [&](int mod) {
    x ^= x >> 29, x *= 0xBF58476D1CE4E5B9ull, x ^= x >> 32;
    return static_cast<int>(x % static_cast<std::uint64_t>(mod));
  };
  RandomDagSpec spec;
  spec.tasks = 8 + next(9);
  spec.processors = 2 + next(3);
  spec.heterogeneous = next(2) == 0;
  spec.edge_percent = 25 + next(30);
  spec.shared_buffers = next(3);
  spec.seed = seed;
  return spec;
}

// Part 1: random small graphs, capacities from the smallest feasible to none.
void random_graphs(int count, const ExactOptions& exact, OptimaCache& cache) {
  const std::vector<std::pair<const char*, double>> points = {{"smallest feasible", 0.0},
                                                              {"1/3 to HEFT peak", 1.0 / 3},
                                                              {"2/3 to HEFT peak", 2.0 / 3},
                                                              {"HEFT peak", 1.0},
                                                              {"unconstrained", -1.0}};
  std::map<std::string, Ratios> mem, heft;
  int solved = 0, proven = 0;
  double exact_time = 0;
  for (int i = 1; i <= count; ++i) {
    const SyntheticDag d = make_random_dag(random_spec(static_cast<std::uint64_t>(i)));
    const Schedule h = schedule_heft(d.graph);
    const Bytes hp = peak_of(d.graph, d.buffers, h);
    const std::string name = "random" + std::to_string(i);
    const OptimaCache::Entry least = cache.get(name + "-smallest", 0, [&] {
      const std::optional<Bytes> s = exact_smallest_capacity(d.graph, d.buffers, exact);
      if (!s) throw std::logic_error("random graph " + std::to_string(i) + ": smallest capacity undecided");
      return OptimaCache::Entry{*s, true};
    });
    const std::optional<Bytes> smallest = least.makespan;
    for (const auto& [label, f] : points) {
      const Bytes cap = f < 0 ? 0 : *smallest + static_cast<Bytes>(f * static_cast<double>(hp - *smallest));
      const OptimaCache::Entry r = cache.get(name, cap, [&] {
        ExactResult e;
        exact_time += seconds([&] { e = schedule_exact(d.graph, d.buffers, cap, exact); });
        check(d.graph, d.buffers, e.schedule, cap, "exact");
        return OptimaCache::Entry{e.schedule.makespan(), e.status == ExactStatus::Optimal};
      });
      ++solved;
      if (!r.optimal) continue;  // ratios only against proven optima
      ++proven;
      const double opt = static_cast<double>(r.makespan);
      if (std::optional<Schedule> m = try_schedule_memheft(d.graph, d.buffers, cap)) {
        check(d.graph, d.buffers, *m, cap, "memheft");
        mem[label].values.push_back(static_cast<double>(m->makespan()) / opt);
      } else {
        ++mem[label].infeasible;
      }
      if (cap == 0 || hp <= cap) heft[label].values.push_back(static_cast<double>(h.makespan()) / opt);
    }
  }
  std::printf("\n== makespan / optimum on %d random graphs (8-16 tasks, 2-4 PEs; seeds 1..%d)\n", count,
              count);
  std::printf(
      "   exact: %d of %d instances proven optimal within %.1f s each (%.1f s in all); ratios over the "
      "proven ones\n",
      proven, solved, exact.time_limit_s, exact_time);
  std::printf("  %-8s %-22s %6s %8s %8s %8s %10s %11s\n", "policy", "capacity", "n", "median", "worst",
              "mean", "<=1.05", "infeasible");
  for (auto* by_point : {&mem, &heft}) {  // every capacity point together
    Ratios all;
    for (const auto& [label, f] : points) {
      const Ratios& r = (*by_point)[label];
      all.values.insert(all.values.end(), r.values.begin(), r.values.end());
      all.infeasible += r.infeasible;
    }
    (*by_point)["all"] = all;
  }
  for (const char* label :
       {"smallest feasible", "1/3 to HEFT peak", "2/3 to HEFT peak", "HEFT peak", "unconstrained", "all"})
    mem[label].print("memheft", label);
  for (const char* label : {"HEFT peak", "unconstrained", "all"}) heft[label].print("heft", label);
}

// A coarse slicing of LeNet-5 C1-S2-C3: C1 and S2 in row strips, C3 in
// channel slices; `key` names its entries in the optima cache.
struct CoarseSlicing {
  int rows, channels;
  const char* key;
};

// Part 2: a coarse LeNet-5 C1-S2-C3 tile graph, memheft against the optimum
// at every capacity of a sweep.
void coarse_lenet(const std::string& root, const ExactOptions& exact, OptimaCache& cache,
                  const CoarseSlicing& cut) {
  Network net = load_network(root + "/configs/networks/lenet5_c1s2c3.json");
  net.set_slices("input", {1, 1, 1}, "quality_bench");
  net.set_slices("C1", {cut.rows, 1, 1}, "quality_bench");
  net.set_slices("S2", {cut.rows, 1, 1}, "quality_bench");
  net.set_slices("C3", {1, 1, cut.channels}, "quality_bench");
  const Platform plat = load_platform(root + "/configs/platforms/default.json");
  const CnnGraph cnn = build_cnn_graph(net, plat);
  const TaskGraph& g = cnn.graph;
  const Schedule h = schedule_heft(g);
  const Bytes hp = peak_of(g, cnn.buffers, h);
  std::optional<Bytes> smallest;
  const std::string key = cut.key;
  const OptimaCache::Entry least = cache.get(key + "-smallest", 0, [&] {
    const std::optional<Bytes> s = exact_smallest_capacity(g, cnn.buffers, exact);
    return OptimaCache::Entry{s.value_or(-1), s.has_value()};
  });
  if (least.optimal) smallest = least.makespan;
  std::printf("\n== LeNet-5 C1-S2-C3, slices C1 %dx1x1, S2 %dx1x1, C3 1x1x%d: %d tasks on %s (%d PEs)\n",
              cut.rows, cut.rows, cut.channels, g.num_tasks(), plat.name.c_str(), g.num_processors());
  if (!smallest) {
    std::printf("   smallest capacity not decided in time\n");
    return;
  }
  std::printf("   smallest feasible capacity %lld B (exact), memheft's %lld B, HEFT peak %lld B\n",
              static_cast<long long>(*smallest),
              static_cast<long long>(memheft_smallest_capacity(g, cnn.buffers)), static_cast<long long>(hp));
  std::printf("  %10s %12s %-11s %12s %12s %10s\n", "capacity", "exact (ps)", "status", "memheft/ex",
              "heft/ex", "exact s");
  for (int k = 0; k <= 6; ++k) {
    const Bytes cap = k == 6 ? 0 : *smallest + (hp - *smallest) * k / 5;
    double t = 0;
    const OptimaCache::Entry r = cache.get(key, cap, [&] {
      ExactResult e;
      t = seconds([&] { e = schedule_exact(g, cnn.buffers, cap, exact); });
      check(g, cnn.buffers, e.schedule, cap, "exact");
      return OptimaCache::Entry{e.schedule.makespan(), e.status == ExactStatus::Optimal};
    });
    const double opt = static_cast<double>(r.makespan);
    char mem[32] = "infeasible", heft[32] = "-";
    if (std::optional<Schedule> m = try_schedule_memheft(g, cnn.buffers, cap))
      std::snprintf(mem, sizeof mem, "%.3f", static_cast<double>(m->makespan()) / opt);
    if (cap == 0 || hp <= cap)
      std::snprintf(heft, sizeof heft, "%.3f", static_cast<double>(h.makespan()) / opt);
    std::printf("  %10s %12lld %-11s %12s %12s %10.2f\n", cap == 0 ? "none" : std::to_string(cap).c_str(),
                static_cast<long long>(r.makespan),
                exact_status_name(r.optimal ? ExactStatus::Optimal : ExactStatus::BestFound), mem, heft, t);
  }
}

// Part 3: one large graph at 0.5 / 0.7 / 0.9 x HEFT's peak.
void large_graph(const char* label, const TaskGraph& g, const BufferPlan& b, bool validate_runs) {
  Schedule h;
  const double th = seconds([&] { h = schedule_heft(g); });
  const Bytes hp = peak_of(g, b, h);
  const double lb = static_cast<double>(makespan_lower_bound(g));
  std::printf("  %-16s %9d  heft %41s %8.3f %10.2f\n", label, g.num_tasks(), "",
              static_cast<double>(h.makespan()) / lb, 1e6 * th / g.num_tasks());
  for (double f : {0.9, 0.7, 0.5}) {
    const Bytes cap = static_cast<Bytes>(f * static_cast<double>(hp));
    std::optional<Schedule> m;
    const double t = seconds([&] { m = try_schedule_memheft(g, b, cap); });
    if (!m) {
      std::printf("  %-16s %9s  memheft %.1f x peak %-24s %8s %10.2f\n", "", "", f, "infeasible", "",
                  1e6 * t / g.num_tasks());
      continue;
    }
    if (validate_runs) check(g, b, *m, cap, "memheft");
    std::printf("  %-16s %9s  memheft %.1f x peak %12.3f x heft %8s %8.3f %10.2f\n", "", "", f,
                static_cast<double>(m->makespan()) / static_cast<double>(h.makespan()), "",
                static_cast<double>(m->makespan()) / lb, 1e6 * t / g.num_tasks());
  }
}

void large_graphs(const std::string& root, std::int64_t max_tasks, bool validate_runs) {
  std::printf(
      "\n== memheft at 0.9 / 0.7 / 0.5 x HEFT's peak (16 PEs for synthetic graphs, configs/platforms/"
      "default.json for CNNs)\n");
  std::printf("  %-16s %9s  %-45s %8s %10s\n", "graph", "tasks", "policy (makespan / HEFT's)", "/ bound",
              "us/task");
  for (std::int64_t size : {10000, 100000, 1000000}) {
    if (size > max_tasks) break;
    const SyntheticDag d = make_synthetic_dag(synthetic_spec_with_tasks(size, 16));
    large_graph(("synthetic " + std::to_string(size / 1000) + "k").c_str(), d.graph, d.buffers,
                validate_runs);
  }
  const Platform plat = load_platform(root + "/configs/platforms/default.json");
  for (const char* name : {"lenet5", "resnet18", "mobilenet_v1", "alexnet", "vgg16"}) {
    const Network net = load_network(root + "/configs/networks/" + name + ".json");
    const CnnGraph cnn = build_cnn_graph(net, plat);
    if (cnn.graph.num_tasks() > max_tasks) continue;
    large_graph(name, cnn.graph, cnn.buffers, validate_runs);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (cnnsched::print_version_if_asked({argv + 1, argv + argc})) return 0;
  po::options_description opts(
      "quality_bench: schedule quality against the optimum, HEFT and the lower bound\nOptions");
  int graphs = 200;
  bool validate = false;
  ExactOptions exact;
  exact.time_limit_s = 5;
  std::int64_t max_tasks = 1000000;
  std::string root = CNNSCHED_SOURCE_DIR;
  std::string optima;
  bool skip_small = false;
  opts.add_options()("help,h", "show this help")("graphs", po::value(&graphs)->default_value(graphs),
                                                 "random small graphs (seeds 1..N)")(
      "time-limit", po::value(&exact.time_limit_s)->default_value(exact.time_limit_s),
      "seconds per exact solve (unproven instances are left out of the ratios)")(
      "max-tasks", po::value(&max_tasks)->default_value(max_tasks),
      "largest synthetic / CNN graph of part 3 (0: skip part 3)")(
      "skip-small", po::value(&skip_small)->default_value(false),
      "true: skip parts 1 and 2 (random graphs, coarse LeNet-5)")(
      "validate", po::value(&validate)->default_value(false),
      "validate the large graphs' schedules too (slower)")(
      "source-dir", po::value(&root)->default_value(root), "where configs/ is")(
      "optima", po::value(&optima),
      "file caching the exact results of parts 1 and 2: read when present, missing ones added (delete "
      "it when the exact policy or --time-limit changes)");
  return report_errors("quality_bench", [&] {
    po::variables_map vm;
    const auto parsed = po::parse_command_line(argc, argv, opts);
    refuse_positional(parsed);
    po::store(parsed, vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << opts << "\n";
      return kExitOk;
    }
    if (graphs < 0 || !(exact.time_limit_s >= 0) || max_tasks < 0)
      throw InputError("options", "", "--graphs and --max-tasks must be >= 0, --time-limit >= 0");
    if (!skip_small) {
      OptimaCache cache(optima);
      random_graphs(graphs, exact, cache);
      // The finer cut's optimum is not always proven within the time limit;
      // the coarser one's is, so "within x of the optimum" holds there proven.
      coarse_lenet(root, exact, cache, {7, 4, "lenet"});
      coarse_lenet(root, exact, cache, {3, 2, "lenet-3x2"});
    }
    if (max_tasks > 0) large_graphs(root, max_tasks, validate);
    return kExitOk;
  });
}
