#pragma once
// Every initiator cuts a transfer into bursts of at most max_burst_bytes (one
// TLM transaction each, issued one after the other), so a long transfer never
// holds a router port while others wait: the router arbitrates per burst.
// Platform::access_time sums the same bursts.
#include <algorithm>
#include <cstdint>

namespace cnnsched {

// Calls f(offset, bytes) for each burst of [0, total), in order.
template <typename F>
void for_each_burst(std::uint64_t total, std::uint32_t max_burst_bytes, F&& f) {
  for (std::uint64_t offset = 0; offset < total;) {
    const auto n = static_cast<std::uint32_t>(std::min<std::uint64_t>(max_burst_bytes, total - offset));
    f(offset, n);
    offset += n;
  }
}

}  // namespace cnnsched
