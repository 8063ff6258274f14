#include <algorithm>

#include <cnnsched/sched/offchip/dma_timing.hpp>

namespace cnnsched {

Time dma_transfer_time(const Platform& platform, std::uint64_t dram_offset, Bytes n) {
  Time total = 0;
  for (Bytes done = 0; done < n;) {
    const Bytes b = std::min(platform.max_burst_bytes, n - done);
    const Time dram = platform.interconnect.transfer_time(b) +
                      platform.dram.idle_transaction_time(dram_offset + static_cast<std::uint64_t>(done), b);
    total += dram + platform.burst_time(b);
    done += b;
  }
  return total;
}

}  // namespace cnnsched
