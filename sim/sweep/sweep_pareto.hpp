#pragma once
// Per network of a merged sweep: every ok point's simulated peak memory and
// makespan, and which of them are Pareto-optimal (no other point is at most as
// large in both and smaller in one). Written as DIR/pareto_<network>.csv and,
// when gnuplot is on the PATH, plotted into DIR/pareto_<network>.png.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cnnsched {

struct ParetoPoint {
  std::string hash;
  long long peak = 0;
  long long makespan = 0;
  bool on_front = false;
};

// Marks the front in place; ties in both values are all on it.
void mark_pareto_front(std::vector<ParetoPoint>& points);

// `results`: the point results (sim/sweep/point_result.hpp); those not ok are skipped.
void write_pareto_files(const std::string& dir, const std::vector<nlohmann::json>& results);

}  // namespace cnnsched
