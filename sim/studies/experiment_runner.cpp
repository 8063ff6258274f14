#include <algorithm>
#include <chrono>
#include <iomanip>

#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sim/studies/experiment_runner.hpp>

namespace cnnsched {

namespace {

// A progress column of `width` characters, always ending in a space: a longer
// text is cut and marked with '~', so the columns after it stay in place.
std::string cell(const std::string& text, std::size_t width) {
  if (text.size() < width) return text + std::string(width - text.size(), ' ');
  return text.substr(0, width - 2) + "~ ";
}

}  // namespace

ResultRow ExperimentRunner::run(const RunLabel& label, const CnnGraph& cnn, const Platform& platform,
                                Policy policy, Bytes capacity, const SimOptions& sim) {
  const auto t0 = std::chrono::steady_clock::now();
  const PolicyPlan plan = plan_policy(cnn, policy, platform, capacity);
  const SimResult result = simulate_isolated(cnn, plan, platform, sim);
  ++runs_;

  ResultRow row;
  row.study = label.study;
  row.group = label.group;
  row.config = label.config;
  row.policy = policy_name(policy);
  row.pes = static_cast<int>(platform.pes.size());
  row.capacity = plan.capacity;
  row.tasks = cnn.graph.num_tasks();
  row.planned_makespan = plan.report.makespan;
  row.makespan = result.makespan;
  row.planned_peak = plan.report.peak_bytes;
  row.peak = result.peak;
  row.mean_bytes = result.mean_bytes;
  row.dram_feature_map_bytes = result.dram.traffic.feature_maps();
  row.dram_weight_bytes = result.dram.traffic.weight_bytes();
  row.dram_bytes = result.dram.traffic.total();
  row.utilisation = pe_utilisation(result);
  row.actions = result.actions;
  row.energy = result.energy;

  if (progress_) {
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    *progress_ << "  [" << std::setw(3) << runs_ << "] " << cell(label.study, 15) << cell(label.config, 37)
               << cell(row.policy, 8) << "makespan " << std::fixed << std::setprecision(3)
               << static_cast<double>(row.makespan) / 1e6 << " us, peak " << row.peak << " B  ("
               << std::setprecision(0) << ms << " ms)" << std::endl;
  }
  return row;
}

std::vector<ResultRow> ExperimentRunner::three_policies(const RunLabel& label, const CnnGraph& cnn,
                                                        const Platform& platform, double max_cost_pct,
                                                        bool with_minimum, const SimOptions& sim,
                                                        const std::string& stem) {
  std::vector<ResultRow> rows;
  const auto traced = [&](Policy policy) {
    SimOptions o = sim;
    if (!o.trace_dir.empty()) o.stem = stem + "_" + policy_name(policy);
    return o;
  };
  rows.push_back(run(label, cnn, platform, Policy::LayerByLayer, 0, traced(Policy::LayerByLayer)));
  rows.push_back(run(label, cnn, platform, Policy::Heft, 0, traced(Policy::Heft)));
  rows.push_back(run(label, cnn, platform, Policy::MemHeft, capacity_within_cost(cnn, max_cost_pct),
                     traced(Policy::MemHeft)));
  if (with_minimum) {
    RunLabel min_label = label;
    min_label.config += " (min memory)";
    SimOptions untraced = sim;
    untraced.trace_dir.clear();
    rows.push_back(run(min_label, cnn, platform, Policy::MemHeft, smallest_capacity(cnn), untraced));
  }
  return rows;
}

Bytes ExperimentRunner::smallest_capacity(const CnnGraph& cnn) {
  return memheft_smallest_capacity(cnn.graph, cnn.buffers);
}

Bytes ExperimentRunner::capacity_within_cost(const CnnGraph& cnn, double max_cost_pct, int steps) {
  const Time bound =
      static_cast<Time>(static_cast<double>(plan_policy(cnn, Policy::LayerByLayer).report.makespan) *
                        (1.0 + max_cost_pct / 100.0));
  const Bytes lo = smallest_capacity(cnn);
  const Bytes hi = plan_policy(cnn, Policy::MemHeft, 0).report.peak_bytes;
  for (int i = 0; i <= steps; ++i) {
    const Bytes cap = lo + (hi - lo) * i / std::max(steps, 1);
    const auto schedule = try_schedule_memheft(cnn.graph, cnn.buffers, cap);
    if (schedule && schedule->makespan() <= bound) return cap;
  }
  return hi;
}

}  // namespace cnnsched
