#pragma once
// The text report of one simulation: makespan and peak memory next to the
// plan's, the differences in percent, contention per router port, memory waits,
// and a plain-language account of why simulation and plan differ.
#include <string>

#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

std::string sim_report_text(const SimResult& result);

// (simulated - planned) / planned in percent; 0 when both are 0.
double percent_difference(double simulated, double planned);

}  // namespace cnnsched
