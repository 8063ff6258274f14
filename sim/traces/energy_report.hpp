#pragma once
// The energy part of a run's text report: the action counts and the energy by
// component and kind, the plan's estimate beside the simulation's, and the
// energy-delay product (sched/energy/energy.hpp, sim/platform/sim_energy.hpp).
#include <ostream>

#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

void write_energy_report(std::ostream& out, const SimResult& r);

}  // namespace cnnsched
