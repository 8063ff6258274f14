#include <algorithm>
#include <iomanip>
#include <optional>

#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sim/studies/experiment_plots.hpp>
#include <cnnsched/sim/studies/experiment_runner.hpp>
#include <cnnsched/sim/studies/lenet_experiment.hpp>
#include <cnnsched/sim/studies/results_table.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

namespace {

// A platform of n copies of the first PE of `base`.
Platform with_pe_count(const Platform& base, int n) {
  Platform p = base;
  p.pes.clear();
  for (int i = 0; i < n; ++i) {
    PeSpec pe = base.pes.front();
    pe.name = "pe" + std::to_string(i);
    p.pes.push_back(pe);
  }
  p.name = base.name + "-" + std::to_string(n) + "pe";
  return p;
}

std::string pe_label(const Platform& p) { return std::to_string(p.pes.size()) + " PE"; }

// A slicing of C1, S2 and C3 alike: rows, cols, square tiles or channel slices.
struct SlicingVariant {
  std::string name;
  Slices c1, s2, c3;
};

std::vector<SlicingVariant> slicing_variants() {
  std::vector<SlicingVariant> v;
  for (int k : {2, 3, 5}) {
    const int n = k * k;  // equal tile counts: k x k squares against n strips
    v.push_back({"square " + std::to_string(k) + "x" + std::to_string(k), {k, k, 1}, {k, k, 1}, {k, k, 1}});
    v.push_back({"rows " + std::to_string(n), {n, 1, 1}, {std::min(n, 14), 1, 1}, {std::min(n, 10), 1, 1}});
    v.push_back({"cols " + std::to_string(n), {1, n, 1}, {1, std::min(n, 14), 1}, {1, std::min(n, 10), 1}});
  }
  v.push_back({"channels 6", {1, 1, 6}, {1, 1, 6}, {1, 1, 16}});
  v.push_back({"square 2x2 + channels", {2, 2, 3}, {2, 2, 3}, {2, 2, 8}});
  return v;
}

class Experiment {
 public:
  // Reads every input file, so bad input stops the run before its first file is written.
  Experiment(const ExperimentOptions& o, std::ostream& progress)
      : o_(o), runner_(&progress), progress_(progress) {
    platform_ = load_platform(o.platform);
    if (o.contention) platform_.contention = *o.contention;
    if (!o.hetero_platform.empty()) {
      hetero_ = load_platform(o.hetero_platform);
      if (o.contention) hetero_->contention = *o.contention;
    }
  }

  // Layer-by-layer, HEFT and memheft at its headline capacity (least memory
  // within the makespan cost bound) on one graph; traces under `stem` if set.
  void three_policies(const RunLabel& label, const CnnGraph& cnn, const Platform& platform,
                      const std::string& stem = "", bool with_minimum = false) {
    for (ResultRow& r : runner_.three_policies(label, cnn, platform, o_.max_cost_pct, with_minimum,
                                               sim_options(stem.empty() ? "" : o_.out_dir), stem))
      rows_.push_back(std::move(r));
  }

  void policies_and_sweep(const Network& net) {
    progress_ << "policies and capacity sweep on " << net.name << ", " << pe_label(platform_) << '\n';
    network_ = &net;
    const CnnGraph cnn = build_cnn_graph(net, platform_);
    const RunLabel label{"policies", net.name, net.name + ", " + pe_label(platform_)};
    three_policies(label, cnn, platform_, o_.traces ? "lenet5_c1s2c3" : "", true);

    const Bytes lo = ExperimentRunner::smallest_capacity(cnn);
    const Bytes hi = plan_policy(cnn, Policy::MemHeft, 0).report.peak_bytes;
    const int n = std::max(o_.sweep_points, 2);
    for (int i = 0; i < n; ++i) {
      const Bytes cap = lo + (hi - lo) * i / (n - 1);
      // Every capacity from the smallest one up is feasible (sched/policies/memheft.hpp).
      add({"capacity sweep", net.name, "capacity " + std::to_string(cap)}, cnn, platform_, Policy::MemHeft,
          cap);
    }
  }

  // Builds the second network's graph early, so a network the model cannot
  // take is refused before the first study writes its traces.
  CnnGraph graph_of(const Network& net) const { return build_cnn_graph(net, platform_); }
  void full_network(const Network& net, const CnnGraph& cnn) {
    progress_ << "full network " << net.name << '\n';
    network_ = &net;
    three_policies({"network", net.name, net.name + ", " + pe_label(platform_)}, cnn, platform_, "", true);
  }

  void pe_counts(const Network& net) {
    progress_ << "PE counts and a heterogeneous mix\n";
    network_ = &net;
    std::vector<Platform> platforms;
    for (int n : o_.pe_counts) platforms.push_back(with_pe_count(platform_, n));
    if (hetero_) platforms.push_back(*hetero_);
    for (const Platform& p : platforms) {
      const CnnGraph cnn = build_cnn_graph(net, p);
      three_policies({"PE count", "pes " + p.name, p.name + ", " + pe_label(p)}, cnn, p);
    }
  }

  void slicing(const Network& base) {
    progress_ << "slicing study (C1, S2, C3 cut alike)\n";
    for (const SlicingVariant& v : slicing_variants()) {
      Network net = base;
      net.set_slices("C1", v.c1, "slicing study");
      net.set_slices("S2", v.s2, "slicing study");
      net.set_slices("C3", v.c3, "slicing study");
      network_ = &net;
      const CnnGraph cnn = build_cnn_graph(net, platform_);
      three_policies({"slicing", "slicing " + v.name, v.name}, cnn, platform_, "", true);
    }
  }

  std::vector<ResultRow>& rows() { return rows_; }

 private:
  void add(const RunLabel& label, const CnnGraph& cnn, const Platform& platform, Policy policy, Bytes cap) {
    rows_.push_back(runner_.run(label, cnn, platform, policy, cap, sim_options("")));
  }

  // Traces into trace_dir when set; functional mode checks every run.
  SimOptions sim_options(const std::string& trace_dir) const {
    SimOptions sim;
    sim.trace_dir = trace_dir;
    if (o_.functional) {  // the network the graphs of the current study come from
      sim.functional = true;
      sim.network = network_;
      sim.fail_on_mismatch = true;
    }
    return sim;
  }

  const ExperimentOptions& o_;
  ExperimentRunner runner_;
  std::ostream& progress_;
  Platform platform_;
  std::optional<Platform> hetero_;
  const Network* network_ = nullptr;  // of the current study, for functional mode
  std::vector<ResultRow> rows_;
};

}  // namespace

std::vector<ResultRow> run_lenet_experiment(const ExperimentOptions& options, std::ostream& out,
                                            std::ostream& progress) {
  Experiment experiment(options, progress);
  const Network net = load_network(options.network);
  std::optional<Network> full;
  std::optional<CnnGraph> full_graph;
  if (!options.full_network.empty()) {
    full = load_network(options.full_network);
    full_graph = experiment.graph_of(*full);
  }
  experiment.policies_and_sweep(net);
  if (full) experiment.full_network(*full, *full_graph);
  if (!options.pe_counts.empty() || !options.hetero_platform.empty()) experiment.pe_counts(net);
  if (options.slicing_study) experiment.slicing(net);

  std::vector<ResultRow>& rows = experiment.rows();
  compare_with_baseline(rows);
  print_results_table(out, rows);
  out.flush();  // the table is shown even while the files below are written
  const std::string csv = output_path(options.out_dir, "results", ".csv");
  write_results_csv(csv, rows);
  out << "\nresults: " << csv << '\n';
  if (options.plots) {
    for (const std::string& png : write_experiment_plots(options.out_dir, "lenet5_c1s2c3", rows))
      out << "plot: " << png << '\n';
  }
  return rows;
}

}  // namespace cnnsched
