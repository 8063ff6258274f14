#pragma once
// Runs one sweep point (plan + simulation) and describes the outcome as one
// JSON object: the point, its hash, "status" ok or error, the exit code and
// what the report measures (makespan, peak and mean memory, planned values,
// memory and contention waits, late tasks, utilisation). Deterministic: no
// times or dates, so the same point gives the same file.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <cnnsched/sim/platform/simulation.hpp>
#include <cnnsched/sim/sweep/point.hpp>

namespace cnnsched {

// `isolated`: simulate in a forked child (any number of points per process);
// otherwise in this process (SystemC allows that once).
nlohmann::json run_point(const nlohmann::json& point, const std::string& source, bool isolated);

// run_point with simulation options (traces, functional mode) as the studies
// use (`sim.network` is set to the point's network), and the simulation's own
// result beside the JSON (the studies' rows take the action counts and energy
// structures from it).
struct PointRun {
  nlohmann::json result;
  SimResult sim;
};
PointRun run_point_full(const nlohmann::json& point, const std::string& source, bool isolated,
                        SimOptions sim);

// The result of a point that failed with `exit_code` (2 bad input, 3 does not fit, 1 internal).
nlohmann::json failed_point_result(const nlohmann::json& point, int exit_code, const std::string& message);

// The measured fields of an ok result, in CSV column order.
const std::vector<std::string>& point_metric_fields();

}  // namespace cnnsched
