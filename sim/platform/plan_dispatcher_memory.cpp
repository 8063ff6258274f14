// The dispatcher's scratchpad accounting: a task's buffers are allocated
// together (within the capacity bound, each at its planned address when it
// has one, else first fit) or not at all, and released after their last user.
#include <algorithm>

#include <cnnsched/sim/platform/plan_dispatcher.hpp>

namespace cnnsched {

bool PlanDispatcher::allocate_for(TaskId t, Time now) {
  const BufferPlan& bp = *plan_.buffers;
  Bytes need = 0;
  for (BufferId b : bp.buffers_of(t))
    if (!allocated_[ix(b)]) need += bp.buffer(b).bytes;
  if (plan_.capacity > 0 && in_use_ + need > plan_.capacity) {
    block(t, StartLimit::kCapacity, now);
    return false;
  }
  std::vector<std::pair<BufferId, std::uint64_t>> got;
  for (BufferId b : bp.buffers_of(t)) {
    if (allocated_[ix(b)] || bp.buffer(b).bytes == 0) continue;
    const auto address = place(b);
    if (!address) {  // no hole large enough: undo, wait for a release
      for (const auto& [ob, oa] : got) scratchpad_.release(oa);
      block(t, StartLimit::kAllocator, now);
      return false;
    }
    got.emplace_back(b, *address);
  }
  for (const auto& [b, address] : got) {
    allocated_[ix(b)] = 1;
    local_address_[ix(b)] = address;
    in_use_ += bp.buffer(b).bytes;
    peak_ = std::max(peak_, in_use_);
    events_.push_back({now, in_use_, true, t, b, base_ + address, bp.buffer(b).bytes});
    if (on_allocated) on_allocated(b, base_ + address);
  }
  for (BufferId b : bp.buffers_of(t)) allocated_[ix(b)] = 1;  // zero-byte buffers count as placed
  return true;
}

std::optional<std::uint64_t> PlanDispatcher::place(BufferId b) {
  const Bytes n = plan_.buffers->buffer(b).bytes;
  if (plan_.addresses && !plan_.addresses->empty()) {
    const std::uint64_t planned = (*plan_.addresses)[ix(b)];
    if (scratchpad_.allocate_at(planned, n)) return planned;
  }
  return scratchpad_.allocate(n);
}

void PlanDispatcher::release(BufferId b, TaskId by, Time now) {
  const Bytes bytes = plan_.buffers->buffer(b).bytes;
  allocated_[ix(b)] = 0;
  if (bytes == 0) return;
  if (before_release) before_release(b, base_ + local_address_[ix(b)]);
  scratchpad_.release(local_address_[ix(b)]);
  in_use_ -= bytes;
  events_.push_back({now, in_use_, false, by, b, base_ + local_address_[ix(b)], bytes});
}

void PlanDispatcher::release_all(Time now) {
  for (BufferId b = 0; b < plan_.buffers->num_buffers(); ++b)
    if (allocated_[ix(b)]) release(b, -1, now);
}

}  // namespace cnnsched
