#pragma once
// The fused-layer study (issue #13): for each network, the scratchpad swept on
// a log scale on a platform with DRAM, for layer-by-layer, HEFT and memheft
// (its capacity = the scratchpad), each point run through run_point
// (sim/sweep/point_result.hpp, as `cnnsched run --point`). Writes fused.csv
// (one row per network, policy and size: DRAM bytes, makespan, energy, EDP,
// peak, or the point's error) and four gnuplot PNGs: DRAM traffic, makespan,
// energy breakdown and EDP against the scratchpad size.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct FusedStudyOptions {
  std::vector<std::string> networks;  // JSON configs or ONNX models
  std::string platform;               // must have a DRAM
  Bytes min_bytes = 32 * 1024;
  Bytes max_bytes = 8 * 1024 * 1024;
  double factor = 2;
  std::string auto_slicing;  // "" keeps each network's own slicing
  std::string out_dir = "traces/fused";
};

// min_bytes, min_bytes x factor, ... while <= max_bytes (each rounded down to
// whole bytes); throws InputError naming the option when the range is bad.
std::vector<Bytes> fused_study_sizes(const FusedStudyOptions& options);

// One point of the study: the network, the policy, the scratchpad size and
// run_point's result (status ok with metrics, or error with the message).
struct FusedRow {
  std::string network;  // the network's name
  std::string policy;   // layer, heft, memheft
  Bytes scratchpad_bytes = 0;
  nlohmann::json result;
};

// The CSV columns after network, policy, scratchpad_bytes, status and error:
// run_point's metrics of the same names.
const std::vector<std::string>& fused_metric_columns();

// Checks every input (options, networks, platform, every point) before it
// writes anything; then runs the points, writes fused.csv and the plots into
// options.out_dir and returns the rows.
std::vector<FusedRow> run_fused_study(const FusedStudyOptions& options, std::ostream& out,
                                      std::ostream& progress);

}  // namespace cnnsched
