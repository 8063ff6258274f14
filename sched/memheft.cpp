#include "sched/memheft.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>

#include "sched/data_ready.hpp"
#include "sched/errors.hpp"
#include "sched/upward_rank.hpp"

namespace cnnsched {
namespace {

constexpr Bytes kAbsent = std::numeric_limits<Bytes>::max();

// Min-tree over priority positions: the ready tasks' allocation needs, so the
// highest-priority task that fits is found in O(log n).
class NeedTree {
 public:
  explicit NeedTree(std::size_t n) {
    while (size_ < n) size_ *= 2;
    v_.assign(2 * size_, kAbsent);
  }
  void set(std::size_t pos, Bytes value) {
    std::size_t i = pos + size_;
    v_[i] = value;
    for (i /= 2; i >= 1; i /= 2) v_[i] = std::min(v_[2 * i], v_[2 * i + 1]);
  }
  Bytes min() const { return v_[1]; }
  // Leftmost position with need <= limit, or -1.
  long first_fitting(Bytes limit) const {
    if (v_[1] > limit) return -1;
    std::size_t i = 1;
    while (i < size_) i = v_[2 * i] <= limit ? 2 * i : 2 * i + 1;
    return static_cast<long>(i - size_);
  }

 private:
  std::size_t size_ = 1;
  std::vector<Bytes> v_;
};

// What every run shares: the priority order and the users of each buffer.
struct Context {
  const TaskGraph& g;
  const BufferPlan& plan;
  std::vector<TaskId> order;  // decreasing rank_u
  std::vector<std::size_t> pos;
  std::vector<std::size_t> user_off;
  std::vector<TaskId> users;

  Context(const TaskGraph& graph, const BufferPlan& buffers)
      : g(graph), plan(buffers), order(rank_order(graph)) {
    const auto n = static_cast<std::size_t>(g.num_tasks());
    pos.resize(n);
    for (std::size_t i = 0; i < n; ++i) pos[static_cast<std::size_t>(order[i])] = i;
    const auto nb = static_cast<std::size_t>(plan.num_buffers());
    user_off.assign(nb + 1, 0);
    for (TaskId t = 0; t < g.num_tasks(); ++t)
      for (BufferId b : plan.buffers_of(t)) ++user_off[static_cast<std::size_t>(b) + 1];
    for (std::size_t b = 0; b < nb; ++b) user_off[b + 1] += user_off[b];
    users.resize(user_off[nb]);
    std::vector<std::size_t> fill(user_off.begin(), user_off.end() - 1);
    for (TaskId t = 0; t < g.num_tasks(); ++t)
      for (BufferId b : plan.buffers_of(t)) users[fill[static_cast<std::size_t>(b)]++] = t;
  }
};

struct RunResult {
  bool ok = false;
  Schedule schedule;
  Bytes max_tracked = 0;  // the largest occupancy the run counted
  TaskId stuck = -1;      // when !ok: the ready task that came closest to fitting
  Bytes stuck_need = 0;
};

RunResult run(const Context& c, Bytes capacity) {
  const TaskGraph& g = c.g;
  const auto n = static_cast<std::size_t>(g.num_tasks());
  const int procs = g.num_processors();
  const Bytes limit = capacity > 0 ? capacity : kAbsent - 1;
  RunResult r;
  Schedule& s = r.schedule;
  s.policy = "memheft";
  s.capacity = capacity > 0 ? capacity : 0;
  s.slots.assign(n, Slot{});
  s.order.reserve(n);

  enum : char { kWaiting, kReady, kDone };
  std::vector<char> state(n, kWaiting);
  std::vector<std::size_t> preds_left(n);
  std::vector<Bytes> need(n, 0);
  const auto nb = static_cast<std::size_t>(c.plan.num_buffers());
  std::vector<char> allocated(nb, 0);
  std::vector<int> users_left(nb);
  for (std::size_t b = 0; b < nb; ++b) users_left[b] = static_cast<int>(c.user_off[b + 1] - c.user_off[b]);
  NeedTree tree(n);
  Bytes in_use = 0;

  auto make_ready = [&](TaskId t) {
    Bytes sum = 0;
    for (BufferId b : c.plan.buffers_of(t))
      if (!allocated[static_cast<std::size_t>(b)]) sum += c.plan.buffer(b).bytes;
    need[static_cast<std::size_t>(t)] = sum;
    state[static_cast<std::size_t>(t)] = kReady;
    tree.set(c.pos[static_cast<std::size_t>(t)], sum);
  };
  for (TaskId t : g.topological_order()) {
    preds_left[static_cast<std::size_t>(t)] = g.in_edges(t).size();
    if (preds_left[static_cast<std::size_t>(t)] == 0) make_ready(t);
  }

  using Event = std::pair<Time, TaskId>;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> finishes;
  std::vector<Time> avail(static_cast<std::size_t>(procs), 0);
  Time now = 0;
  std::size_t done = 0;
  while (done < n) {
    for (;;) {  // start what fits at `now`
      bool any_idle = false;
      for (int p = 0; p < procs && !any_idle; ++p) any_idle = avail[static_cast<std::size_t>(p)] <= now;
      if (!any_idle) break;
      const long at = tree.first_fitting(limit - in_use);
      if (at < 0) break;
      const TaskId t = c.order[static_cast<std::size_t>(at)];
      const DataReady ready = data_ready(g, s.slots, t);
      Slot best;
      for (int p = 0; p < procs; ++p) {
        if (avail[static_cast<std::size_t>(p)] > now) continue;
        const Time start = std::max(now, ready.on(p));
        const Time finish = start + g.cost(t, p);
        if (best.proc < 0 || finish < best.finish) best = {p, start, finish};
      }
      s.slots[static_cast<std::size_t>(t)] = best;
      s.order.push_back(t);
      avail[static_cast<std::size_t>(best.proc)] = best.finish;
      finishes.emplace(best.finish, t);
      state[static_cast<std::size_t>(t)] = kDone;
      tree.set(static_cast<std::size_t>(at), kAbsent);
      ++done;
      for (BufferId b : c.plan.buffers_of(t)) {
        const auto bi = static_cast<std::size_t>(b);
        if (allocated[bi]) continue;
        allocated[bi] = 1;
        const Bytes bytes = c.plan.buffer(b).bytes;
        in_use += bytes;
        for (std::size_t k = c.user_off[bi]; k < c.user_off[bi + 1]; ++k) {
          const TaskId u = c.users[k];
          if (state[static_cast<std::size_t>(u)] != kReady) continue;
          need[static_cast<std::size_t>(u)] -= bytes;
          tree.set(c.pos[static_cast<std::size_t>(u)], need[static_cast<std::size_t>(u)]);
        }
      }
      r.max_tracked = std::max(r.max_tracked, in_use);
    }
    if (finishes.empty()) {
      if (done == n) break;
      // Nothing runs, nothing fits: no later event can free memory.
      const long at = tree.first_fitting(tree.min());
      r.stuck = c.order[static_cast<std::size_t>(at)];
      r.stuck_need = need[static_cast<std::size_t>(r.stuck)];
      return r;
    }
    now = finishes.top().first;
    while (!finishes.empty() && finishes.top().first == now) {
      const TaskId t = finishes.top().second;
      finishes.pop();
      for (BufferId b : c.plan.buffers_of(t)) {
        const auto bi = static_cast<std::size_t>(b);
        if (--users_left[bi] == 0 && !c.plan.buffer(b).until_end) in_use -= c.plan.buffer(b).bytes;
      }
      for (EdgeId e : g.out_edges(t)) {
        const TaskId to = g.edge(e).to;
        if (--preds_left[static_cast<std::size_t>(to)] == 0) make_ready(to);
      }
    }
  }
  r.ok = true;
  return r;
}

Bytes largest_task_need(const Context& c) {
  Bytes most = 0;
  for (TaskId t = 0; t < c.g.num_tasks(); ++t) {
    Bytes sum = 0;
    for (BufferId b : c.plan.buffers_of(t)) sum += c.plan.buffer(b).bytes;
    most = std::max(most, sum);
  }
  return most;
}

// Bisection over [max(largest task need, floor), unconstrained occupancy].
Bytes smallest_capacity(const Context& c, Bytes floor) {
  Bytes lo = std::max<Bytes>({1, floor, largest_task_need(c)});
  const Bytes unconstrained = std::max<Bytes>(1, run(c, 0).max_tracked);
  // The unconstrained run never counted more than `unconstrained`, so with that
  // capacity it makes the same choices: hi is feasible.
  Bytes hi = std::max(lo, unconstrained);
  while (lo < hi) {
    const Bytes mid = lo + (hi - lo) / 2;
    if (run(c, mid).ok)
      hi = mid;
    else
      lo = mid + 1;
  }
  if (!run(c, hi).ok) return std::max(largest_task_need(c), unconstrained);  // cannot happen; be safe
  return hi;
}

// The plan must be finalized for (at least) the graph's task count.
void check_inputs(const TaskGraph& g) {
  if (!g.finalized()) throw std::logic_error("memheft: graph not finalized");
}

}  // namespace

std::optional<Schedule> try_schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers,
                                             Bytes capacity) {
  check_inputs(graph);
  const Context c(graph, buffers);
  RunResult r = run(c, capacity);
  if (!r.ok) return std::nullopt;
  return std::move(r.schedule);
}

Schedule schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity) {
  check_inputs(graph);
  const Context c(graph, buffers);
  RunResult r = run(c, capacity);
  if (r.ok) return std::move(r.schedule);
  // Feasibility need not be monotone, so a smaller capacity may work; a user who
  // hit this limit needs one above it, so the search starts there.
  throw InfeasibleCapacity(graph.name(r.stuck), r.stuck_need, capacity, smallest_capacity(c, capacity + 1));
}

Bytes memheft_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers) {
  check_inputs(graph);
  return smallest_capacity(Context(graph, buffers), 0);
}

}  // namespace cnnsched
