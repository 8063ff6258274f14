#pragma once
// The scheduling core counts time in integer picoseconds; SystemC in sc_time.
// These conversions are exact as long as the time resolution is 1 ps or finer.
#include <systemc>

#include "sched/types.hpp"

namespace cnnsched {

inline sc_core::sc_time to_sc_time(Time ps) { return sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS); }
Time to_ps(const sc_core::sc_time& t);

}  // namespace cnnsched
