#pragma once
// Runs one sweep point through run_point (sim/sweep/point_result.hpp: the
// same plan and simulation as `cnnsched run --point`, simulated in a child
// process) and turns its result into a ResultRow; shows progress as it goes.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sim/platform/simulation.hpp>
#include <cnnsched/sim/studies/result_row.hpp>

namespace cnnsched {

// Where a run belongs in the results. An empty config names the run by the
// capacity its point resolved to ("capacity 2927").
struct RunLabel {
  std::string study;
  std::string group;
  std::string config;
};

class ExperimentRunner {
 public:
  explicit ExperimentRunner(std::ostream* progress) : progress_(progress) {}

  // Plans, validates and simulates the point; trace files are written when
  // sim.trace_dir is set. A point that fails throws as `cnnsched run` reports.
  ResultRow run(const RunLabel& label, const nlohmann::json& point, const SimOptions& sim = {});

  // The point with layer-by-layer, HEFT and memheft at "within:max_cost_pct",
  // plus memheft at "smallest" when `with_minimum`. Traces go to
  // sim.trace_dir as <stem>_<policy> when sim.trace_dir is set.
  std::vector<ResultRow> three_policies(const RunLabel& label, const nlohmann::json& point,
                                        double max_cost_pct, bool with_minimum, const SimOptions& sim = {},
                                        const std::string& stem = "");

  // The points three_policies runs, in its order.
  static std::vector<nlohmann::json> three_policy_points(const nlohmann::json& point, double max_cost_pct,
                                                         bool with_minimum);

  int runs() const { return runs_; }

 private:
  std::ostream* progress_;
  int runs_ = 0;
};

// A ResultRow from an ok result of run_point (all but actions and energy,
// which ExperimentRunner::run takes from the SimResult beside it).
ResultRow result_row(const RunLabel& label, const nlohmann::json& result);

}  // namespace cnnsched
