#pragma once
// One task as a processing element executes it: the scratchpad reads, the
// MACs, the write. Addresses are global (as the router decodes them).
#include <cstdint>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct PeTransfer {
  std::uint64_t address = 0;
  std::uint32_t bytes = 0;
};

struct PeJob {
  TaskId task = -1;
  std::vector<PeTransfer> reads;
  PeTransfer write;  // skipped when bytes == 0
  std::int64_t macs = 0;
};

}  // namespace cnnsched
