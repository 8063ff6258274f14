#include <algorithm>
#include <iomanip>
#include <optional>

#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sim/studies/experiment_plots.hpp>
#include <cnnsched/sim/studies/experiment_runner.hpp>
#include <cnnsched/sim/studies/lenet_experiment.hpp>
#include <cnnsched/sim/studies/results_table.hpp>
#include <cnnsched/sim/sweep/capacity_rule.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

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

// The research's slicing experiment: S2 alone cut into regular tiles or into
// strips, between C1 and C3 at the network config's own slicings.
struct PoolSlicing {
  std::string name;
  Slices s2;
};

std::vector<PoolSlicing> pool_slicings() {
  std::vector<PoolSlicing> v;
  const auto grid = [](int r, int c) { return std::to_string(r) + "x" + std::to_string(c); };
  for (int k : {1, 2, 7, 14}) v.push_back({"S2 " + grid(k, k) + " regular", {k, k, 1}});
  for (int k : {2, 7, 14}) v.push_back({"S2 " + grid(k, 1) + " row strips", {k, 1, 1}});
  for (int k : {2, 7, 14}) v.push_back({"S2 " + grid(1, k) + " column strips", {1, k, 1}});
  return v;
}

// "C1=2,2,1", the point's form of a layer's slicing.
std::string slice_field(const std::string& layer, const Slices& s) {
  return layer + "=" + std::to_string(s.rows) + "," + std::to_string(s.cols) + "," +
         std::to_string(s.channels);
}

// The overrides that make `platform_file` n copies of its first PE: its
// count when the file has one kind of PE, else the PE list replaced.
json pe_count_overrides(const std::string& platform_file, int n) {
  const json doc = read_json_file(platform_file);
  const json& pes = doc.at("pes");
  if (pes.size() == 1) return {{"pes[0].count", n}};
  json pe = pes.at(0);
  pe["count"] = n;
  return {{"pes", json::array({pe})}};
}

// Every run is a sweep point (sim/sweep/point.hpp) run through run_point, so
// its numbers are those of `cnnsched run --point` and of the specs in
// configs/sweeps/lenet5_*.json.
class Experiment {
 public:
  // Reads every input file, so bad input stops the run before its first file is written.
  Experiment(const ExperimentOptions& o, std::ostream& progress)
      : o_(o), runner_(&progress), progress_(progress) {
    platform_ = load_platform(o.platform);
    if (!o.hetero_platform.empty()) hetero_ = load_platform(o.hetero_platform);
    if (o.slicing_study) load_platform(slicing_platform());
  }

  // The slicing studies' platform: on chip only by default, as the research had.
  const std::string& slicing_platform() const {
    return o_.slicing_platform.empty() ? o_.platform : o_.slicing_platform;
  }

  // The point of `network` on `platform` with the experiment's contention.
  json point(const std::string& network, const std::string& platform) const {
    json p = {{"network", network}, {"platform", platform}};
    if (o_.contention) p["contention"] = *o_.contention;
    return p;
  }

  void three_policies(const RunLabel& label, const json& point, const std::string& stem = "",
                      bool with_minimum = false) {
    for (ResultRow& r : runner_.three_policies(label, point, o_.max_cost_pct, with_minimum,
                                               sim_options(stem.empty() ? "" : o_.out_dir), stem))
      rows_.push_back(std::move(r));
  }

  void policies_and_sweep(const Network& net) {
    progress_ << "policies and capacity sweep on " << net.name << ", " << pe_label(platform_) << '\n';
    const json base = point(o_.network, o_.platform);
    const RunLabel label{"policies", net.name, net.name + ", " + pe_label(platform_)};
    three_policies(label, base, o_.traces ? "lenet5_c1s2c3" : "", true);
    const int n = std::max(o_.sweep_points, 2);
    for (int i = 0; i < n; ++i) {
      // Every capacity from the smallest one up is feasible (sched/policies/memheft.hpp).
      json p = base;
      p["policy"] = "memheft";
      p["capacity"] = step_rule(i, n);
      rows_.push_back(runner_.run({"capacity sweep", net.name, ""}, p, sim_options("")));
    }
  }

  // Builds the second network's graph early, so a network the model cannot
  // take is refused before the first study writes its traces.
  void check(const Network& net) const { build_cnn_graph(net, platform_); }
  void full_network(const Network& net) {
    progress_ << "full network " << net.name << '\n';
    three_policies({"network", net.name, net.name + ", " + pe_label(platform_)},
                   point(o_.full_network, o_.platform), "", true);
  }

  void pe_counts() {
    progress_ << "PE counts and a heterogeneous mix\n";
    for (int n : o_.pe_counts) {
      json p = point(o_.network, o_.platform);
      p["overrides"] = pe_count_overrides(o_.platform, n);
      const std::string name = platform_.name + "-" + std::to_string(n) + "pe";
      three_policies({"PE count", "pes " + name, name + ", " + std::to_string(n) + " PE"}, p);
    }
    if (hetero_)
      three_policies({"PE count", "pes " + hetero_->name, hetero_->name + ", " + pe_label(*hetero_)},
                     point(o_.network, o_.hetero_platform));
  }

  void slicing() {
    progress_ << "slicing study (C1, S2, C3 cut alike)\n";
    for (const SlicingVariant& v : slicing_variants()) {
      json p = point(o_.network, slicing_platform());
      p["slices"] = {slice_field("C1", v.c1), slice_field("S2", v.s2), slice_field("C3", v.c3)};
      three_policies({"slicing", "slicing " + v.name, v.name}, p, "", true);
    }
  }

  void pool_slicing() {
    progress_ << "pooling-slicing study (S2 alone; C1 and C3 as the network config has them)\n";
    for (const PoolSlicing& v : pool_slicings()) {
      json p = point(o_.network, slicing_platform());
      p["slices"] = {slice_field("S2", v.s2)};
      three_policies({"pool slicing", "pool slicing " + v.name, v.name}, p, "", true);
    }
  }

  std::vector<ResultRow>& rows() { return rows_; }

 private:
  // Traces into trace_dir when set; functional mode checks every run.
  SimOptions sim_options(const std::string& trace_dir) const {
    SimOptions sim;
    sim.trace_dir = trace_dir;
    if (o_.functional) {  // run_point gives the simulation the point's network
      sim.functional = true;
      sim.fail_on_mismatch = true;
    }
    return sim;
  }

  const ExperimentOptions& o_;
  ExperimentRunner runner_;
  std::ostream& progress_;
  Platform platform_;
  std::optional<Platform> hetero_;
  std::vector<ResultRow> rows_;
};

}  // namespace

std::vector<ResultRow> run_lenet_experiment(const ExperimentOptions& options, std::ostream& out,
                                            std::ostream& progress) {
  Experiment experiment(options, progress);
  const Network net = load_network(options.network);
  std::optional<Network> full;
  if (!options.full_network.empty()) {
    full = load_network(options.full_network);
    experiment.check(*full);
  }
  experiment.policies_and_sweep(net);
  if (full) experiment.full_network(*full);
  if (!options.pe_counts.empty() || !options.hetero_platform.empty()) experiment.pe_counts();
  if (options.slicing_study) {
    experiment.slicing();
    experiment.pool_slicing();
  }

  std::vector<ResultRow>& rows = experiment.rows();
  compare_with_baseline(rows);
  print_results_table(out, rows);
  print_against_heft(out, rows, "pool slicing");
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
