// The minimum-peak serial order (see exact.hpp for why it gives the smallest
// feasible capacity): states are downsets S of the graph (tasks already run);
// running a ready task k next costs the bytes live while k runs, namely every
// buffer with a user in S + {k} and either a user outside S or until_end.
// peak(S + {k}) = min over such steps of max(peak(S), live(S, k)).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include <cnnsched/sched/policies/exact_parts.hpp>

namespace cnnsched::exact_detail {
namespace {

using Mask = std::uint64_t;
constexpr std::size_t kMaxStates = std::size_t{4} << 20;

struct MaskBuffer {
  Mask users = 0;
  Bytes bytes = 0;
  bool until_end = false;
};

struct State {
  Bytes peak = 0;
  TaskId last = -1;  // the task whose run reached this state
};

Bytes live_bytes(const std::vector<MaskBuffer>& bufs, Mask done, TaskId k) {
  const Mask with = done | (Mask{1} << k);
  Bytes sum = 0;
  for (const MaskBuffer& b : bufs)
    if ((b.users & with) != 0 && (b.until_end || (b.users & ~done) != 0)) sum += b.bytes;
  return sum;
}

}  // namespace

bool all_costs_positive(const TaskGraph& g) {
  for (TaskId t = 0; t < g.num_tasks(); ++t)
    for (int c = 0; c < g.num_classes(); ++c)
      if (g.class_cost(t, c) <= 0) return false;
  return true;
}

std::optional<SerialOrder> min_peak_serial_order(const TaskGraph& g, const BufferPlan& buffers,
                                                 Clock::time_point deadline) {
  const TaskId n = g.num_tasks();
  if (n > 63) return std::nullopt;
  std::vector<Mask> preds(static_cast<std::size_t>(n), 0);
  for (EdgeId e = 0; e < g.num_edges(); ++e)
    preds[static_cast<std::size_t>(g.edge(e).to)] |= Mask{1} << g.edge(e).from;
  std::vector<MaskBuffer> bufs(static_cast<std::size_t>(buffers.num_buffers()));
  for (TaskId t = 0; t < n; ++t)
    for (BufferId b : buffers.buffers_of(t)) bufs[static_cast<std::size_t>(b)].users |= Mask{1} << t;
  for (BufferId b = 0; b < buffers.num_buffers(); ++b) {
    bufs[static_cast<std::size_t>(b)].bytes = buffers.buffer(b).bytes;
    bufs[static_cast<std::size_t>(b)].until_end = buffers.buffer(b).until_end;
  }
  bufs.erase(std::remove_if(bufs.begin(), bufs.end(),
                            [](const MaskBuffer& b) { return b.users == 0 || b.bytes == 0; }),
             bufs.end());

  // layers[i]: the downsets of i tasks; every step goes from layer i to i + 1.
  std::vector<std::unordered_map<Mask, State>> layers(static_cast<std::size_t>(n) + 1);
  layers[0].emplace(Mask{0}, State{});
  std::size_t states = 1;
  for (TaskId i = 0; i < n; ++i) {
    auto& next = layers[static_cast<std::size_t>(i) + 1];
    for (const auto& [done, st] : layers[static_cast<std::size_t>(i)]) {
      if (Clock::now() > deadline) return std::nullopt;
      for (TaskId k = 0; k < n; ++k) {
        if ((done >> k) & 1 || (preds[static_cast<std::size_t>(k)] & ~done) != 0) continue;
        const Bytes peak = std::max(st.peak, live_bytes(bufs, done, k));
        auto [it, fresh] = next.try_emplace(done | (Mask{1} << k), State{peak, k});
        if (!fresh && peak < it->second.peak) it->second = State{peak, k};
        if (fresh && ++states > kMaxStates) return std::nullopt;
      }
    }
  }
  SerialOrder out;
  Mask done = n == 64 ? ~Mask{0} : (Mask{1} << n) - 1;
  out.peak = n == 0 ? 0 : layers[static_cast<std::size_t>(n)].at(done).peak;
  for (TaskId i = n; i > 0; --i) {
    const TaskId k = layers[static_cast<std::size_t>(i)].at(done).last;
    out.order.push_back(k);
    done &= ~(Mask{1} << k);
  }
  std::reverse(out.order.begin(), out.order.end());
  return out;
}

Schedule serial_schedule(const TaskGraph& g, const std::vector<TaskId>& order, Bytes capacity) {
  int best = 0;
  Time best_sum = std::numeric_limits<Time>::max();
  for (int p = 0; p < g.num_processors(); ++p) {
    Time sum = 0;
    for (TaskId t = 0; t < g.num_tasks(); ++t) sum += g.cost(t, p);
    if (sum < best_sum) best_sum = sum, best = p;
  }
  Schedule s;
  s.policy = "exact";
  s.capacity = capacity;
  s.order = order;
  s.slots.resize(static_cast<std::size_t>(g.num_tasks()));
  Time now = 0;
  for (TaskId t : order) {
    s.slots[static_cast<std::size_t>(t)] = {best, now, now + g.cost(t, best)};
    now += g.cost(t, best);
  }
  return s;
}

}  // namespace cnnsched::exact_detail
