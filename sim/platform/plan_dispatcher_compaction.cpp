// The dispatcher's scratchpad compaction: when a task waits for a hole that
// the free bytes could make, live buffers are packed from address 0.
#include <algorithm>
#include <cstring>

#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sim/platform/plan_dispatcher.hpp>

namespace cnnsched {

Time PlanDispatcher::compact() {
  const BufferPlan& bp = *plan_.buffers;
  // Only a task that waits for a hole, with enough free bytes in total, gains.
  Bytes need = 0;
  for (std::size_t p = 0; p < pe_queue_.size() && need == 0; ++p) {
    if (pe_next_[p] >= pe_queue_[p].size()) continue;
    const TaskId t = pe_queue_[p][pe_next_[p]];
    if (blocked_by_[ix(t)] != StartLimit::kAllocator) continue;
    for (BufferId b : bp.buffers_of(t))
      if (!allocated_[ix(b)]) need += bp.buffer(b).bytes;
  }
  const AddressAllocator& alloc = scratchpad_.allocator();
  if (need == 0 || alloc.free_bytes() < need || alloc.largest_free() >= need) return 0;

  std::vector<std::pair<std::uint64_t, BufferId>> live;
  for (BufferId b = 0; b < bp.num_buffers(); ++b)
    if (allocated_[ix(b)] && bp.buffer(b).bytes > 0) live.emplace_back(local_address_[ix(b)], b);
  std::sort(live.begin(), live.end());
  for (const auto& [address, b] : live) scratchpad_.release(address);
  Bytes moved = 0;
  for (const auto& [old_address, b] : live) {
    const Bytes size = bp.buffer(b).bytes;
    const std::uint64_t address = *scratchpad_.allocate(size);  // an empty allocator packs from 0
    if (address != old_address) {
      // Ascending order: every destination lies below its source's end and
      // above the previous blocks, so nothing unmoved is overwritten.
      if (scratchpad_.stores_bytes())
        std::memmove(scratchpad_.data() + address, scratchpad_.data() + old_address,
                     static_cast<std::size_t>(size));
      moved += size;
    }
    local_address_[ix(b)] = address;
  }
  const Time time = std::max<Time>(2 * scratchpad_.timing().occupancy(moved), 1);
  record_moves(live);
  ++compactions_.count;
  compactions_.bytes_moved += moved;
  compactions_.time += time;
  return time;
}

// One memory event per buffer a compaction moved (`live`: old address, buffer,
// in the order they moved), so a replay of the events never sees two buffers
// at one address.
void PlanDispatcher::record_moves(const std::vector<std::pair<std::uint64_t, BufferId>>& live) {
  const Time now = to_ps(sc_core::sc_time_stamp()) - origin_;
  for (const auto& [old_address, b] : live)
    if (local_address_[ix(b)] != old_address)
      events_.push_back({now, in_use_, false, -1, b, base_ + local_address_[ix(b)],
                         plan_.buffers->buffer(b).bytes, true, base_ + old_address});
}

}  // namespace cnnsched
