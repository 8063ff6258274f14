// The DDR4 platform of configs/ with the scratchpad size a test needs.
#pragma once
#include <cnnsched/sched/platform.hpp>

#include "support/config_path.hpp"

namespace cnnsched::test {

// configs/platforms/default_ddr4.json with another scratchpad size.
inline Platform ddr4_platform(Bytes scratchpad) {
  Platform p = load_platform(config("platforms/default_ddr4.json"));
  p.scratchpad_bytes = scratchpad;
  return p;
}

}  // namespace cnnsched::test
