#pragma once
// The fused-layer study (issue #13): for each network, the scratchpad swept on
// a log scale on a platform with DRAM, for layer-by-layer, HEFT and memheft
// (its capacity = the scratchpad), each point a sweep point run by
// `cnnsched run --point` through `cnnsched sweep run`. Writes fused.csv
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
  int cores = 1;          // points run at once (Snakemake's --cores)
  std::string snakefile;  // the sweep workflow (find_snakefile)
  std::string cnnsched;   // the cnnsched binary the points run with
};

// The study's networks when none is named: configs/networks/<name>.json under `source_dir`.
std::vector<std::string> default_fused_networks(const std::string& source_dir);

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

// The sweep spec of the study (sim/sweep/sweep_spec.hpp): networks x sizes x
// policies, paths absolute; memheft's capacity is the scratchpad (a DRAM
// platform bounds it so). configs/sweeps/fused.json is this for the defaults.
nlohmann::json fused_study_spec(const FusedStudyOptions& options, const std::vector<Bytes>& sizes);

// Checks every input (options, networks, platform, every point) before it
// writes anything; then writes the spec to options.out_dir/fused_spec.json,
// runs its points through the sweep path (`cnnsched sweep run`: Snakemake on
// options.cores, progress with points done and time left, a point that fails
// recorded as its result) into options.out_dir/sweep, and writes fused.csv and
// the plots (networks with no point that ran get no panel) from the results.
std::vector<FusedRow> run_fused_study(const FusedStudyOptions& options, std::ostream& out);

}  // namespace cnnsched
