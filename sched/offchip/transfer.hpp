#pragma once
// The off-chip transfers of a plan: DMA tasks that move a buffer between its
// DRAM home and the scratchpad, and the bytes they move by kind.
#include <cstdint>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

enum class TransferKind {
  kNone,    // a compute task
  kLoad,    // DRAM -> scratchpad, first time: network input or weights
  kReload,  // DRAM -> scratchpad, data spilled or dropped before
  kSpill,   // scratchpad -> DRAM, to free the space (data needed later)
  kStore,   // scratchpad -> DRAM, a network output
};

// "load", "reload", "spill", "store" ("compute" for kNone).
const char* transfer_kind_name(TransferKind kind);
bool reads_dram(TransferKind kind);

struct Transfer {
  TransferKind kind = TransferKind::kNone;
  BufferId data = -1;       // the policy's buffer (tile, weight slice) it moves
  BufferId residency = -1;  // the plan buffer (one residency of `data`) it fills or empties
  Bytes bytes = 0;
  std::uint64_t dram_offset = 0;  // data's home, relative to the DRAM's base
};

// Bytes that crossed the DRAM link, by what they were.
struct DramTraffic {
  Bytes input = 0;    // first loads of network-input tiles
  Bytes weights = 0;  // first loads of weight slices
  Bytes reload = 0;   // every reload: spilled tiles, and inputs or weights dropped before
  Bytes spill = 0;    // spill stores
  Bytes output = 0;   // network-output stores
  std::int64_t transfers = 0;
  // Counts one transfer; a load brings network input when `input`, else weights.
  void add(const Transfer& t, bool input);
  Bytes read() const { return input + weights + reload; }
  Bytes written() const { return spill + output; }
  Bytes total() const { return read() + written(); }
};

}  // namespace cnnsched
