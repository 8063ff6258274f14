#pragma once
// The scheduling core counts time in integer picoseconds; SystemC in sc_time.
// These conversions are exact as long as the time resolution divides 1 ps.
#include <systemc>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

// Time-resolution units per picosecond (1 with SystemC's default resolution).
sc_dt::uint64 units_per_ps();
// Built from the integer value: cheaper and exact, unlike the double constructor.
inline sc_core::sc_time to_sc_time(Time ps) {
  return sc_core::sc_time::from_value(static_cast<sc_dt::uint64>(ps) * units_per_ps());
}
Time to_ps(const sc_core::sc_time& t);

}  // namespace cnnsched
