#pragma once
// Runs one policy on one graph and platform, simulates the plan in a child
// process and turns the outcome into a ResultRow; shows progress as it goes.
#include <ostream>
#include <string>
#include <vector>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>
#include <cnnsched/sim/studies/result_row.hpp>

namespace cnnsched {

// Where a run belongs in the results.
struct RunLabel {
  std::string study;
  std::string group;
  std::string config;
};

class ExperimentRunner {
 public:
  explicit ExperimentRunner(std::ostream* progress) : progress_(progress) {}

  // Plans, validates and simulates; trace files are written when sim.trace_dir is set.
  ResultRow run(const RunLabel& label, const CnnGraph& cnn, const Platform& platform, Policy policy,
                Bytes capacity = 0, const SimOptions& sim = {});

  // Layer-by-layer, HEFT and memheft at capacity_within_cost(max_cost_pct) on
  // one graph, plus memheft at its smallest capacity when `with_minimum`.
  // Traces go to sim.trace_dir as <stem>_<policy> when sim.trace_dir is set.
  std::vector<ResultRow> three_policies(const RunLabel& label, const CnnGraph& cnn, const Platform& platform,
                                        double max_cost_pct, bool with_minimum, const SimOptions& sim = {},
                                        const std::string& stem = "");

  // The smallest capacity memheft meets on this graph.
  static Bytes smallest_capacity(const CnnGraph& cnn);
  // The smallest of `steps` capacities between the smallest feasible and the
  // unconstrained peak whose planned makespan stays within `max_cost_pct` of
  // the layer-by-layer plan's (the unconstrained peak if none does).
  static Bytes capacity_within_cost(const CnnGraph& cnn, double max_cost_pct, int steps = 48);

  int runs() const { return runs_; }

 private:
  std::ostream* progress_;
  int runs_ = 0;
};

}  // namespace cnnsched
