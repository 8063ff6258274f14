#pragma once
// One line of an experiment's results: a policy run on one configuration,
// simulated, and compared with the layer-by-layer run of the same group.
#include <string>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct ResultRow {
  std::string study;   // which part of the experiment: policies, sweep, network, pes, slicing
  std::string group;   // rows of one group share the graph and platform; savings refer to its layer row
  std::string config;  // what distinguishes the run, e.g. "4 PE", "rows 4", "cap 2900"
  std::string policy;  // layer, heft, memheft
  int pes = 0;
  Bytes capacity = 0;  // memheft's bound, 0 = none
  TaskId tasks = 0;
  Time planned_makespan = 0;
  Time makespan = 0;  // simulated
  Bytes planned_peak = 0;
  Bytes peak = 0;  // simulated
  double mean_bytes = 0;
  double utilisation = 0;  // simulated busy time / (PEs x makespan)
  // Off-chip traffic (0 on a platform without DRAM): feature maps (input,
  // spills, reloads, outputs) and weights apart, as the fused-layer work counts.
  Bytes dram_feature_map_bytes = 0;
  Bytes dram_weight_bytes = 0;
  Bytes dram_bytes = 0;
  // The simulated run's counts and energy (SimResult::actions, ::energy):
  // CSV columns from count_columns() and energy_columns().
  ActionCounts actions;
  EnergyBreakdown energy;
  double memory_saving_pct = 0;  // vs the group's layer-by-layer peak; positive = less memory
  double makespan_cost_pct = 0;  // vs the group's layer-by-layer makespan; positive = slower
};

}  // namespace cnnsched
