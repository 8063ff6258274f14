#include <algorithm>
#include <limits>
#include <stdexcept>

#include <cnnsched/sched/memory/memory_profile.hpp>

namespace cnnsched {

MemoryProfile memory_profile(const TaskGraph& graph, const BufferPlan& buffers, const Schedule& schedule) {
  if (schedule.slots.size() != static_cast<std::size_t>(graph.num_tasks()))
    throw std::invalid_argument("memory_profile: schedule does not cover the graph");
  MemoryProfile out;
  out.makespan = schedule.makespan();
  const auto nb = static_cast<std::size_t>(buffers.num_buffers());
  constexpr Time kNone = std::numeric_limits<Time>::max();
  std::vector<Time> alloc(nb, kNone), release(nb, std::numeric_limits<Time>::min());
  std::vector<TaskId> first(nb, -1), last(nb, -1);
  for (TaskId t = 0; t < graph.num_tasks(); ++t) {
    const Slot& s = schedule.slots[static_cast<std::size_t>(t)];
    for (BufferId b : buffers.buffers_of(t)) {
      const auto i = static_cast<std::size_t>(b);
      if (s.start < alloc[i]) alloc[i] = s.start, first[i] = t;
      if (s.finish > release[i]) release[i] = s.finish, last[i] = t;
    }
  }
  // kind 0 = free, 1 = allocation: the sort puts frees first at equal times.
  struct Raw {
    Time time;
    int kind;
    BufferId buffer;
  };
  std::vector<Raw> raw;
  raw.reserve(2 * nb);
  for (std::size_t i = 0; i < nb; ++i) {
    const Buffer& buf = buffers.buffer(static_cast<BufferId>(i));
    if (first[i] < 0 || buf.bytes == 0) continue;
    if (buf.until_end) release[i] = out.makespan;
    if (release[i] <= alloc[i]) continue;  // empty interval
    raw.push_back({alloc[i], 1, static_cast<BufferId>(i)});
    raw.push_back({release[i], 0, static_cast<BufferId>(i)});
  }
  std::sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.buffer < b.buffer;
  });
  out.events.reserve(raw.size());
  Bytes in_use = 0;
  Time prev = 0;
  double area = 0;
  for (const Raw& r : raw) {
    const auto i = static_cast<std::size_t>(r.buffer);
    const Bytes bytes = buffers.buffer(r.buffer).bytes;
    area += static_cast<double>(in_use) * static_cast<double>(r.time - prev);
    prev = r.time;
    in_use += r.kind == 1 ? bytes : -bytes;
    out.events.push_back(
        {r.time, r.kind == 1 ? bytes : -bytes, r.buffer, r.kind == 1 ? first[i] : last[i], in_use});
    if (in_use > out.peak_bytes) out.peak_bytes = in_use, out.peak_time = r.time;
  }
  if (out.makespan > 0) out.mean_bytes = area / static_cast<double>(out.makespan);
  return out;
}

}  // namespace cnnsched
