#pragma once
// The research's experiment on LeNet-5, the main job of cnnsched: the three
// policies side by side, memory-aware HEFT over a sweep of capacities, the full
// network, a sweep over PE counts and a heterogeneous mix (all with a DRAM by
// default), and, on chip, two slicing studies: C1, S2 and C3 cut alike, and
// the research's own, S2 alone between fixed C1 and C3. Every plan is
// simulated in SystemC.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <cnnsched/sim/studies/result_row.hpp>

namespace cnnsched {

struct ExperimentOptions {
  std::string network;           // LeNet-5 C1-S2-C3
  std::string full_network;      // LeNet-5, all layers ("" skips)
  std::string platform;          // the default platform with a DRAM
  std::string hetero_platform;   // a heterogeneous mix ("" skips)
  std::string slicing_platform;  // the slicing studies' platform, on chip only as the research had
  std::string out_dir = "traces";
  int sweep_points = 8;        // memheft capacities from smallest feasible to unconstrained
  double max_cost_pct = 10.0;  // the headline memheft: least memory within this makespan cost
  std::vector<int> pe_counts{1, 2, 4, 8};
  bool slicing_study = true;
  bool plots = true;
  bool traces = true;              // VCD, GTKWave, CSV and Perfetto files of the headline runs
  std::optional<bool> contention;  // set: overrides every platform file's; unset: each file's value holds
  bool functional =
      false;  // real data through every run, checked against the reference; a mismatch is an error
};

// Runs everything, prints the table to `out` and progress to `progress`,
// writes results.csv, traces and plots into options.out_dir. Returns the rows.
std::vector<ResultRow> run_lenet_experiment(const ExperimentOptions& options, std::ostream& out,
                                            std::ostream& progress);

}  // namespace cnnsched
