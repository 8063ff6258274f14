#pragma once
// Merges a sweep folder's point results into DIR/results.csv, one row per
// point of DIR/points.list in sweep order (status ok, error or missing), and
// writes per network the Pareto front of simulated peak memory vs makespan
// (DIR/pareto_<network>.csv, plus .png when gnuplot is installed).
#include <string>

namespace cnnsched {

struct MergeCounts {
  int points = 0;
  int ok = 0;
  int failed = 0;   // recorded an error
  int missing = 0;  // no result yet
};

MergeCounts merge_sweep(const std::string& dir);

// The hashes of DIR/points.list in order; an InputError when it is missing.
std::vector<std::string> read_point_list(const std::string& dir);

}  // namespace cnnsched
