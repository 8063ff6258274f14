#pragma once
// Shared by the libFuzzer harnesses: the platform graphs are built for and the
// size guard that keeps legitimately huge inputs from counting as OOM or hangs.
#include <cstdint>

#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched::fuzz {

// Two PE classes, so cost classes and heterogeneous placement are exercised.
inline Platform small_platform() {
  Platform p;
  p.name = "fuzz";
  p.pes = {{"a", 4, 1000}, {"b", 2, 2000}};
  p.interconnect = {2000, 8, 1000};
  p.scratchpad = {1000, 8, 1000};
  p.scratchpad_bytes = 1 << 16;
  return p;
}

// True when the tile graph stays small enough to build in milliseconds: at most
// kMaxTasks tiles, and at most kMaxPairs (consumer tile, producer tile) pairs,
// which bound the dependencies.
inline bool small_enough(const Network& net) {
  constexpr std::int64_t kMaxTasks = 4096, kMaxPairs = 1 << 18;
  std::int64_t tasks = 0, pairs = 0;
  for (const Layer& l : net.layers) {
    tasks += l.slices.count();
    for (int in : l.inputs) {
      const std::int64_t producers = in == kNetworkInput
                                         ? net.input_slices.count()
                                         : net.layers[static_cast<std::size_t>(in)].slices.count();
      pairs += l.slices.count() * producers;
    }
    if (tasks > kMaxTasks || pairs > kMaxPairs) return false;
  }
  return true;
}

}  // namespace cnnsched::fuzz
