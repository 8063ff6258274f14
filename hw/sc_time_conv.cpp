#include "hw/sc_time_conv.hpp"

namespace cnnsched {

Time to_ps(const sc_core::sc_time& t) {
  // value() counts time-resolution units; exact when the resolution divides 1 ps.
  static const sc_dt::uint64 units_per_ps = sc_core::sc_time(1, sc_core::SC_PS).value();
  return static_cast<Time>(t.value() / units_per_ps);
}

}  // namespace cnnsched
