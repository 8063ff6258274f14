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

// What a buffer holds, for the traffic split: feature maps (network input,
// tiles) against weights, which the fused-layer work counts apart.
enum class DataKind { kInput, kWeights, kTile };

// Bytes that crossed the DRAM link, by what they were.
struct DramTraffic {
  Bytes input = 0;          // first loads of network-input tiles
  Bytes weights = 0;        // first loads of weight slices
  Bytes reload = 0;         // reloads of feature maps: spilled tiles, network input dropped before
  Bytes weight_reload = 0;  // reloads of weight slices dropped before
  Bytes spill = 0;          // spill stores (tiles)
  Bytes output = 0;         // network-output stores
  std::int64_t transfers = 0;
  void add(const Transfer& t, DataKind data);
  Bytes read() const { return input + weights + reload + weight_reload; }
  Bytes written() const { return spill + output; }
  Bytes total() const { return read() + written(); }
  Bytes feature_maps() const { return input + reload + spill + output; }
  Bytes weight_bytes() const { return weights + weight_reload; }
  friend bool operator==(const DramTraffic& a, const DramTraffic& b) {
    return a.input == b.input && a.weights == b.weights && a.reload == b.reload &&
           a.weight_reload == b.weight_reload && a.spill == b.spill && a.output == b.output &&
           a.transfers == b.transfers;
  }
};

}  // namespace cnnsched
