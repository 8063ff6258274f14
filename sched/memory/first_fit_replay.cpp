#include <algorithm>
#include <numeric>

#include <cnnsched/sched/memory/address_allocator.hpp>
#include <cnnsched/sched/memory/first_fit_replay.hpp>

namespace cnnsched {

std::vector<TaskId> plan_order(const Schedule& schedule) {
  const std::size_t n = schedule.slots.size();
  std::vector<std::size_t> commit_pos(n);
  for (std::size_t t = 0; t < n; ++t) commit_pos[t] = n + t;
  for (std::size_t i = 0; i < schedule.order.size(); ++i)
    commit_pos[static_cast<std::size_t>(schedule.order[i])] = i;
  std::vector<TaskId> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](TaskId a, TaskId b) {
    const Time sa = schedule.slots[static_cast<std::size_t>(a)].start;
    const Time sb = schedule.slots[static_cast<std::size_t>(b)].start;
    return sa != sb ? sa < sb
                    : commit_pos[static_cast<std::size_t>(a)] < commit_pos[static_cast<std::size_t>(b)];
  });
  return order;
}

FirstFitReplay replay_first_fit(const BufferPlan& buffers, const Schedule& schedule, Bytes capacity) {
  const std::size_t nb = static_cast<std::size_t>(buffers.num_buffers());
  // Room for everything at once: the replay measures, it never fails.
  AddressAllocator memory(std::max<Bytes>(buffers.total_bytes(), 1));
  std::vector<std::uint64_t> address(nb, 0);
  std::vector<char> placed(nb, 0);
  std::vector<int> users_left(nb);
  for (std::size_t b = 0; b < nb; ++b) users_left[b] = buffers.num_users(static_cast<BufferId>(b));

  std::vector<TaskId> by_finish(schedule.slots.size());
  std::iota(by_finish.begin(), by_finish.end(), 0);
  std::stable_sort(by_finish.begin(), by_finish.end(), [&](TaskId a, TaskId b) {
    return schedule.slots[static_cast<std::size_t>(a)].finish <
           schedule.slots[static_cast<std::size_t>(b)].finish;
  });
  FirstFitReplay r;
  std::size_t next_finish = 0;
  for (TaskId t : plan_order(schedule)) {
    const Time start = schedule.slots[static_cast<std::size_t>(t)].start;
    // Releases at or before this start come first (the memory model's rule).
    for (; next_finish < by_finish.size(); ++next_finish) {
      const TaskId f = by_finish[next_finish];
      if (schedule.slots[static_cast<std::size_t>(f)].finish > start) break;
      for (BufferId b : buffers.buffers_of(f)) {
        const std::size_t i = static_cast<std::size_t>(b);
        if (--users_left[i] == 0 && !buffers.buffer(b).until_end && placed[i]) {
          memory.release(address[i]);
          placed[i] = 0;
        }
      }
    }
    const Bytes before = memory.used();
    for (BufferId b : buffers.buffers_of(t)) {
      const std::size_t i = static_cast<std::size_t>(b);
      if (placed[i] || buffers.buffer(b).bytes == 0 || users_left[i] == 0) continue;
      address[i] = *memory.allocate(buffers.buffer(b).bytes);  // cannot fail: capacity holds all buffers
      placed[i] = 1;
    }
    r.peak = std::max(r.peak, memory.used());
    if (r.first_over < 0 && memory.used() > capacity) {
      r.first_over = t;
      r.first_over_needs = memory.used() - before;
      r.first_over_in_use = before;
    }
  }
  r.footprint = static_cast<Bytes>(memory.address_high_water());
  return r;
}

}  // namespace cnnsched
