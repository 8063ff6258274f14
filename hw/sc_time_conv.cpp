#include <cnnsched/hw/sc_time_conv.hpp>

namespace cnnsched {

sc_dt::uint64 units_per_ps() {
  // Fixed once the first sc_time exists, so caching it is safe.
  static const sc_dt::uint64 units = sc_core::sc_time(1, sc_core::SC_PS).value();
  return units;
}

Time to_ps(const sc_core::sc_time& t) { return static_cast<Time>(t.value() / units_per_ps()); }

}  // namespace cnnsched
