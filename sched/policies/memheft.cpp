#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <stdexcept>
#include <tuple>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/data_ready.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/segment_trees.hpp>
#include <cnnsched/sched/policies/upward_rank.hpp>

namespace cnnsched {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// Fitting but unsafe candidates examined per start decision before falling
// back to the reference task: bounds the work per event (near-linear runs).
constexpr int kScanLimit = 16;

// What every run shares: the priority order, the users of each buffer and the
// reference serial order with its memory profile.
struct Context {
  const TaskGraph& g;
  const BufferPlan& plan;
  std::vector<TaskId> order;  // decreasing rank_u
  std::vector<std::size_t> pos;
  std::vector<std::size_t> user_off;
  std::vector<TaskId> users;
  std::vector<TaskId> ref;                 // the reference serial order
  std::vector<std::size_t> ref_pos;        // per task
  std::vector<Bytes> ref_need;             // per reference step: occupancy while that task runs alone
  std::vector<std::size_t> first_ref_use;  // per buffer: the earliest reference step using it
  std::vector<std::size_t> last_ref_use;   // per buffer: the latest reference step using it
  Bytes ref_peak = 0;

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
    // The reference is the serial traversal with the lower peak of two classic
    // memory-frugal rules; depth-first wins on wide layers with shared weights,
    // where the least-memory rule sweeps layer by layer.
    auto [net_order, net_need] = serial_order(false);
    auto [dfs_order, dfs_need] = serial_order(true);
    const auto peak = [](const std::vector<Bytes>& v) {
      return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    };
    const bool dfs = peak(dfs_need) < peak(net_need);
    ref = std::move(dfs ? dfs_order : net_order);
    ref_need = std::move(dfs ? dfs_need : net_need);
    index_reference();
  }

 private:
  // A serial list schedule and the occupancy while each of its tasks runs. Rule
  // least-memory (depth_first false): the ready task adding the least memory
  // (bytes it allocates minus bytes freed at its finish), both terms only shrink
  // as the run goes on, so a lazy heap suffices. Rule depth-first: the task that
  // became ready last. Higher rank_u on ties.
  std::pair<std::vector<TaskId>, std::vector<Bytes>> serial_order(bool depth_first) const {
    const auto n = static_cast<std::size_t>(g.num_tasks());
    const auto nb = static_cast<std::size_t>(plan.num_buffers());
    std::vector<std::size_t> preds_left(n);
    std::vector<Bytes> alloc(n, 0), frees(n, 0);
    std::vector<int> users_left(nb);
    std::vector<char> allocated(nb, 0), done(n, 0);
    for (std::size_t b = 0; b < nb; ++b) {
      users_left[b] = static_cast<int>(user_off[b + 1] - user_off[b]);
      const Buffer& buf = plan.buffer(static_cast<BufferId>(b));
      if (users_left[b] == 1 && !buf.until_end)
        frees[static_cast<std::size_t>(users[user_off[b]])] += buf.bytes;
    }
    for (TaskId t = 0; t < g.num_tasks(); ++t)
      for (BufferId b : plan.buffers_of(t)) alloc[static_cast<std::size_t>(t)] += plan.buffer(b).bytes;
    using Entry = std::tuple<Bytes, std::size_t, TaskId>;  // key, rank position, task
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
    std::vector<Bytes> became_ready(n, 0);
    Bytes readied = 0;
    auto key = [&](TaskId t) {
      return depth_first ? became_ready[std::size_t(t)] : alloc[std::size_t(t)] - frees[std::size_t(t)];
    };
    auto push_if_ready = [&](TaskId t) {
      if (!done[std::size_t(t)] && preds_left[std::size_t(t)] == 0)
        heap.emplace(key(t), pos[std::size_t(t)], t);
    };
    for (TaskId t = 0; t < g.num_tasks(); ++t) preds_left[std::size_t(t)] = g.in_edges(t).size();
    for (TaskId t = 0; t < g.num_tasks(); ++t)
      if (preds_left[std::size_t(t)] == 0) became_ready[std::size_t(t)] = --readied;
    for (TaskId t = 0; t < g.num_tasks(); ++t) push_if_ready(t);
    std::vector<TaskId> ref;
    std::vector<Bytes> ref_need;
    ref.reserve(n);
    ref_need.reserve(n);
    Bytes live = 0;
    while (!heap.empty()) {
      const auto [k, p, t] = heap.top();
      heap.pop();
      if (done[std::size_t(t)] || k != key(t)) continue;  // stale entry
      (void)p;
      ref.push_back(t);
      ref_need.push_back(live + alloc[std::size_t(t)]);
      live += alloc[std::size_t(t)];
      done[std::size_t(t)] = 1;
      for (BufferId b : plan.buffers_of(t)) {
        const auto bi = static_cast<std::size_t>(b);
        const Bytes bytes = plan.buffer(b).bytes;
        if (!allocated[bi]) {
          allocated[bi] = 1;
          for (std::size_t i = user_off[bi]; i < user_off[bi + 1]; ++i) {
            if (users[i] == t || done[std::size_t(users[i])]) continue;
            alloc[std::size_t(users[i])] -= bytes;
            push_if_ready(users[i]);
          }
        }
        if (--users_left[bi] == 0) {
          if (!plan.buffer(b).until_end) live -= bytes;
        } else if (users_left[bi] == 1 && !plan.buffer(b).until_end) {
          for (std::size_t i = user_off[bi]; i < user_off[bi + 1]; ++i) {
            if (done[std::size_t(users[i])]) continue;
            frees[std::size_t(users[i])] += bytes;
            push_if_ready(users[i]);
          }
        }
      }
      for (EdgeId e : g.out_edges(t)) {
        const TaskId to = g.edge(e).to;
        if (--preds_left[std::size_t(to)] == 0) became_ready[std::size_t(to)] = --readied;
        push_if_ready(to);
      }
    }
    if (ref.size() != n) throw std::logic_error("memheft: reference order misses tasks");
    return {std::move(ref), std::move(ref_need)};
  }

  void index_reference() {
    const auto n = static_cast<std::size_t>(g.num_tasks());
    const auto nb = static_cast<std::size_t>(plan.num_buffers());
    ref_pos.resize(n);
    for (std::size_t i = 0; i < n; ++i) ref_pos[std::size_t(ref[i])] = i;
    first_ref_use.assign(nb, kNone);
    last_ref_use.assign(nb, 0);
    for (std::size_t b = 0; b < nb; ++b)
      for (std::size_t i = user_off[b]; i < user_off[b + 1]; ++i) {
        first_ref_use[b] = std::min(first_ref_use[b], ref_pos[std::size_t(users[i])]);
        last_ref_use[b] = std::max(last_ref_use[b], ref_pos[std::size_t(users[i])]);
      }
    for (Bytes need : ref_need) ref_peak = std::max(ref_peak, need);
  }
};

struct RunResult {
  bool ok = false;
  Schedule schedule;
  Bytes max_tracked = 0;  // the largest occupancy the run counted
};

// One event-driven run. guarded: with the safety rule and the memory-binding
// choice (header comment); otherwise the plain greedy, which may deadlock.
RunResult run(const Context& c, Bytes capacity, bool guard) {
  const TaskGraph& g = c.g;
  const auto n = static_cast<std::size_t>(g.num_tasks());
  const int procs = g.num_processors();
  const bool guarded = guard && capacity > 0;
  const Bytes limit = capacity > 0 ? capacity : kNeedTreeAbsent - 1;
  RunResult r;
  Schedule& s = r.schedule;
  s.policy = "memheft";
  s.capacity = capacity > 0 ? capacity : 0;
  s.slots.assign(n, Slot{});
  s.order.reserve(n);
  if (guarded && c.ref_peak > capacity) return r;

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
  // The fallback's need per reference step, plus the buffers started ahead of it.
  MaxAddTree fallback(guarded ? c.ref_need : std::vector<Bytes>{});
  std::vector<std::size_t> extra_from(guarded ? nb : 0, kNone);
  std::vector<int> uncommitted(users_left);  // users of each buffer not yet started
  // Ready tasks by the memory they add: new bytes minus the bytes of buffers
  // they are the last unstarted user of (freed at their finish at the latest).
  std::vector<Bytes> frees(n, 0);
  std::set<std::pair<Bytes, std::size_t>> by_net;  // (net bytes, rank position)
  auto net = [&](std::size_t u) { return std::make_pair(need[u] - frees[u], c.pos[u]); };
  std::size_t next_ref = 0;  // first reference step not yet committed

  auto make_ready = [&](TaskId t) {
    Bytes sum = 0;
    for (BufferId b : c.plan.buffers_of(t))
      if (!allocated[static_cast<std::size_t>(b)]) sum += c.plan.buffer(b).bytes;
    need[static_cast<std::size_t>(t)] = sum;
    state[static_cast<std::size_t>(t)] = kReady;
    tree.set(c.pos[static_cast<std::size_t>(t)], sum);
    if (!guarded) return;
    Bytes last = 0;
    for (BufferId b : c.plan.buffers_of(t))
      if (uncommitted[static_cast<std::size_t>(b)] == 1 && !c.plan.buffer(b).until_end)
        last += c.plan.buffer(b).bytes;
    frees[static_cast<std::size_t>(t)] = last;
    by_net.insert(net(static_cast<std::size_t>(t)));
  };
  // Starting t keeps the fallback within the capacity: each new buffer stays
  // allocated, beyond what the fallback counts, until the reference step that
  // first uses it; each buffer whose last unstarted user is t leaves the
  // fallback's profile (see the commit below). Only steps where the profile
  // grows need a look: elsewhere the invariant already holds.
  std::vector<std::pair<std::size_t, Bytes>> deltas;  // (step, change from that step on)
  auto safe = [&](TaskId t) {
    if (c.ref[next_ref] == t) return true;
    deltas.clear();
    for (BufferId b : c.plan.buffers_of(t)) {
      const auto bi = static_cast<std::size_t>(b);
      const Bytes bytes = c.plan.buffer(b).bytes;
      const bool gone = uncommitted[bi] == 1 && !c.plan.buffer(b).until_end;
      if (gone) {
        const std::size_t from = std::max(next_ref, c.first_ref_use[bi]);
        if (from <= c.last_ref_use[bi]) {
          deltas.emplace_back(from, -bytes);
          deltas.emplace_back(c.last_ref_use[bi] + 1, bytes);
        }
      } else if (!allocated[bi] && c.first_ref_use[bi] > next_ref) {
        deltas.emplace_back(next_ref, bytes);
        deltas.emplace_back(c.first_ref_use[bi], -bytes);
      }
    }
    std::sort(deltas.begin(), deltas.end());
    Bytes added = 0;
    for (std::size_t i = 0; i < deltas.size();) {
      const std::size_t from = deltas[i].first;
      for (; i < deltas.size() && deltas[i].first == from; ++i) added += deltas[i].second;
      const std::size_t until = i < deltas.size() ? deltas[i].first : n;
      if (added > 0 && fallback.max(from, until) + added > limit) return false;
    }
    return true;
  };
  // The next task to start with `idle` processors free. While the top `idle`
  // ready tasks by rank_u fit together, HEFT's order decides; when memory binds,
  // the task adding the least memory goes first (rank_u on ties), so memory
  // keeps the most processors busy. Either way only a safe task starts; the
  // reference task always is one.
  auto pick = [&](int idle) -> TaskId {
    const Bytes room = limit - in_use;
    bool binding = false;
    if (guarded) {
      Bytes sum = 0;
      long at = tree.first_fitting(0, kNeedTreeAbsent - 1);
      for (int i = 0; i < idle && at >= 0 && !binding; ++i) {
        sum += need[static_cast<std::size_t>(c.order[static_cast<std::size_t>(at)])];
        binding = sum > room;
        at = tree.first_fitting(static_cast<std::size_t>(at) + 1, kNeedTreeAbsent - 1);
      }
    }
    int examined = 0;
    if (binding) {
      for (auto it = by_net.begin(); it != by_net.end() && examined < kScanLimit; ++it, ++examined) {
        const TaskId cand = c.order[it->second];
        if (need[static_cast<std::size_t>(cand)] <= room && safe(cand)) return cand;
      }
    } else {
      for (long at = tree.first_fitting(0, room); at >= 0 && examined < kScanLimit; ++examined) {
        const TaskId cand = c.order[static_cast<std::size_t>(at)];
        if (!guarded || safe(cand)) return cand;
        at = tree.first_fitting(static_cast<std::size_t>(at) + 1, room);
      }
    }
    if (!guarded || next_ref >= n) return -1;
    const TaskId f = c.ref[next_ref];
    return state[static_cast<std::size_t>(f)] == kReady && need[static_cast<std::size_t>(f)] <= room ? f : -1;
  };
  for (TaskId t : g.topological_order()) {
    preds_left[static_cast<std::size_t>(t)] = g.in_edges(t).size();
    if (preds_left[static_cast<std::size_t>(t)] == 0) make_ready(t);
  }

  using Event = std::pair<Time, TaskId>;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> finishes;
  std::vector<Time> avail(static_cast<std::size_t>(procs), 0);
  std::vector<BufferId> fresh;
  Time now = 0;
  std::size_t done = 0;
  while (done < n) {
    for (;;) {  // start what fits at `now`
      int idle = 0;
      for (int p = 0; p < procs; ++p) idle += avail[static_cast<std::size_t>(p)] <= now ? 1 : 0;
      if (idle == 0) break;
      const TaskId t = pick(idle);
      if (t < 0) break;
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
      tree.set(c.pos[static_cast<std::size_t>(t)], kNeedTreeAbsent);
      if (guarded) by_net.erase(net(static_cast<std::size_t>(t)));
      ++done;
      fresh.clear();
      for (BufferId b : c.plan.buffers_of(t)) {
        const auto bi = static_cast<std::size_t>(b);
        if (allocated[bi]) continue;
        allocated[bi] = 1;
        fresh.push_back(b);
        const Bytes bytes = c.plan.buffer(b).bytes;
        in_use += bytes;
        for (std::size_t k = c.user_off[bi]; k < c.user_off[bi + 1]; ++k) {
          const TaskId u = c.users[k];
          if (state[static_cast<std::size_t>(u)] != kReady) continue;
          if (guarded) by_net.erase(net(static_cast<std::size_t>(u)));
          need[static_cast<std::size_t>(u)] -= bytes;
          tree.set(c.pos[static_cast<std::size_t>(u)], need[static_cast<std::size_t>(u)]);
          if (guarded) by_net.insert(net(static_cast<std::size_t>(u)));
        }
      }
      r.max_tracked = std::max(r.max_tracked, in_use);
      if (!guarded) continue;
      while (next_ref < n && state[static_cast<std::size_t>(c.ref[next_ref])] == kDone) ++next_ref;
      // The fallback starts once the running tasks finished: a buffer whose users
      // have all started is gone by then, wherever the reference order counts it.
      for (BufferId b : c.plan.buffers_of(t)) {
        const auto bi = static_cast<std::size_t>(b);
        const Bytes bytes = c.plan.buffer(b).bytes;
        const bool gone = --uncommitted[bi] == 0 && !c.plan.buffer(b).until_end;
        if (uncommitted[bi] == 1 && !c.plan.buffer(b).until_end) {
          for (std::size_t k = c.user_off[bi]; k < c.user_off[bi + 1]; ++k) {
            const auto u = static_cast<std::size_t>(c.users[k]);
            if (state[u] == kDone) continue;
            if (state[u] == kReady) by_net.erase(net(u));
            frees[u] += bytes;
            if (state[u] == kReady) by_net.insert(net(u));
          }
        }
        if (gone) {
          if (extra_from[bi] != kNone) fallback.add(extra_from[bi], c.first_ref_use[bi], -bytes);
          fallback.add(std::max(next_ref, c.first_ref_use[bi]), c.last_ref_use[bi] + 1, -bytes);
        } else if (std::find(fresh.begin(), fresh.end(), b) != fresh.end() &&
                   c.first_ref_use[bi] > next_ref) {
          extra_from[bi] = next_ref;
          fallback.add(next_ref, c.first_ref_use[bi], bytes);
        }
      }
    }
    if (finishes.empty()) {
      if (done == n) break;
      return r;  // nothing runs, nothing fits: no later event can free memory
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

// The plan must be finalized for (at least) the graph's task count.
void check_inputs(const TaskGraph& g) {
  if (!g.finalized()) throw std::logic_error("memheft: graph not finalized");
}

// The guarded run, or the plain greedy when that completes with a shorter
// makespan (it is the fastest when memory hardly binds). A guarded run at a
// capacity >= the reference peak cannot fail; if it does, it is a bug.
RunResult run_checked(const Context& c, Bytes capacity) {
  RunResult r = run(c, capacity, true);
  if (!r.ok && (capacity <= 0 || capacity >= c.ref_peak))
    throw std::logic_error("memheft: deadlock at a capacity the reference order meets");
  if (!r.ok || capacity <= 0) return r;
  RunResult plain = run(c, capacity, false);
  if (plain.ok && plain.schedule.makespan() < r.schedule.makespan()) return plain;
  return r;
}

}  // namespace

std::optional<Schedule> try_schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers,
                                             Bytes capacity) {
  check_inputs(graph);
  const Context c(graph, buffers);
  RunResult r = run_checked(c, capacity);
  if (!r.ok) return std::nullopt;
  return std::move(r.schedule);
}

Schedule schedule_memheft(const TaskGraph& graph, const BufferPlan& buffers, Bytes capacity) {
  check_inputs(graph);
  const Context c(graph, buffers);
  RunResult r = run_checked(c, capacity);
  if (r.ok) return std::move(r.schedule);
  // Name the first reference step that does not fit: the task and the memory
  // in use while it runs in the reference order.
  std::size_t j = 0;
  while (c.ref_need[j] <= capacity) ++j;
  throw InfeasibleCapacity(graph.name(c.ref[j]), c.ref_need[j], capacity, c.ref_peak);
}

Bytes memheft_smallest_capacity(const TaskGraph& graph, const BufferPlan& buffers) {
  check_inputs(graph);
  const Context c(graph, buffers);
  const Bytes smallest = std::max<Bytes>(1, c.ref_peak);
  run_checked(c, smallest);
  return smallest;
}

}  // namespace cnnsched
