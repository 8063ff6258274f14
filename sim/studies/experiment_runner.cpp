#include <chrono>
#include <iomanip>

#include <cnnsched/sim/studies/experiment_runner.hpp>
#include <cnnsched/sim/sweep/capacity_rule.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

// A progress column of `width` characters, always ending in a space: a longer
// text is cut and marked with '~', so the columns after it stay in place.
std::string cell(const std::string& text, std::size_t width) {
  if (text.size() < width) return text + std::string(width - text.size(), ' ');
  return text.substr(0, width - 2) + "~ ";
}

json with_policy(json point, const char* policy, const json& capacity) {
  point["policy"] = policy;
  point["capacity"] = capacity;
  return point;
}

}  // namespace

ResultRow result_row(const RunLabel& label, const json& result) {
  const json& m = result.at("metrics");
  ResultRow row;
  row.study = label.study;
  row.group = label.group;
  row.capacity = m.at("capacity_bytes").get<Bytes>();
  row.config = label.config.empty() ? "capacity " + std::to_string(row.capacity) : label.config;
  row.policy = result.at("point").value("policy", "memheft");
  row.pes = m.at("num_pes").get<int>();
  row.tasks = m.at("tasks").get<TaskId>();
  row.planned_makespan = m.at("planned_makespan").get<Time>();
  row.makespan = m.at("makespan").get<Time>();
  row.planned_peak = m.at("planned_peak").get<Bytes>();
  row.peak = m.at("peak").get<Bytes>();
  row.mean_bytes = m.at("mean_bytes").get<double>();
  row.dram_feature_map_bytes = m.at("dram_feature_map_bytes").get<Bytes>();
  row.dram_weight_bytes =
      m.at("dram_weight_bytes").get<Bytes>() + m.at("dram_weight_reload_bytes").get<Bytes>();
  row.dram_bytes = m.at("dram_total_bytes").get<Bytes>();
  row.utilisation = m.at("utilisation").get<double>();
  return row;
}

ResultRow ExperimentRunner::run(const RunLabel& label, const json& point, const SimOptions& sim) {
  const auto t0 = std::chrono::steady_clock::now();
  const PointRun r = run_point_full(point, label.study + " point", true, sim);
  ResultRow row = result_row(label, r.result);
  row.actions = r.sim.actions;
  row.energy = r.sim.energy;
  ++runs_;
  if (progress_) {
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    *progress_ << "  [" << std::setw(3) << runs_ << "] " << cell(label.study, 15) << cell(row.config, 37)
               << cell(row.policy, 8) << "makespan " << std::fixed << std::setprecision(3)
               << static_cast<double>(row.makespan) / 1e6 << " us, peak " << row.peak << " B  ("
               << std::setprecision(0) << ms << " ms)" << std::endl;
  }
  return row;
}

std::vector<json> ExperimentRunner::three_policy_points(const json& point, double max_cost_pct,
                                                        bool with_minimum) {
  std::vector<json> points{with_policy(point, "layer", 0), with_policy(point, "heft", 0),
                           with_policy(point, "memheft", within_rule(max_cost_pct))};
  if (with_minimum) points.push_back(with_policy(point, "memheft", "smallest"));
  return points;
}

std::vector<ResultRow> ExperimentRunner::three_policies(const RunLabel& label, const json& point,
                                                        double max_cost_pct, bool with_minimum,
                                                        const SimOptions& sim, const std::string& stem) {
  std::vector<ResultRow> rows;
  const std::vector<json> points = three_policy_points(point, max_cost_pct, with_minimum);
  for (std::size_t i = 0; i < points.size(); ++i) {
    SimOptions o = sim;
    RunLabel l = label;
    if (i == 3) {  // the minimum-memory run: untraced
      l.config += " (min memory)";
      o.trace_dir.clear();
    } else if (!o.trace_dir.empty()) {
      o.stem = stem + "_" + points[i].at("policy").get<std::string>();
    }
    rows.push_back(run(l, points[i], o));
  }
  return rows;
}

}  // namespace cnnsched
