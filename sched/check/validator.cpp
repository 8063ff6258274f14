#include <algorithm>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>

namespace cnnsched {
namespace {

constexpr std::size_t kMaxListed = 10;

class Collector {
 public:
  explicit Collector(ValidationReport& r) : r_(r) {}
  void add(const std::string& what) {
    r_.ok = false;
    if (r_.violations.size() < kMaxListed) r_.violations.push_back(what);
    ++r_.num_violations;
  }

 private:
  ValidationReport& r_;
};

std::string at(Time start, Time finish) {
  return "[" + std::to_string(start) + ", " + std::to_string(finish) + "]";
}

// Every task on a processor, running exactly its cost there; false if some task is unplaced.
bool check_slots(const TaskGraph& g, const Schedule& s, Collector& bad) {
  bool placed = true;
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    const Slot& sl = s.slots[static_cast<std::size_t>(t)];
    const std::string name = "task '" + g.name(t) + "'";
    if (sl.proc < 0 || sl.proc >= g.num_processors()) {
      bad.add(name + " is not placed on a processor (proc " + std::to_string(sl.proc) + ")");
      placed = false;
      continue;
    }
    if (sl.start < 0) bad.add(name + " starts before time 0");
    if (sl.finish - sl.start != g.cost(t, sl.proc))
      bad.add(name + " runs " + at(sl.start, sl.finish) + " on " + g.processor_name(sl.proc) + " but costs " +
              std::to_string(g.cost(t, sl.proc)) + " there");
  }
  return placed;
}

void check_commit_order(const Schedule& s, std::size_t n, Collector& bad) {
  if (s.order.empty()) return;
  std::vector<int> seen(n, 0);
  bool perm = s.order.size() == n;
  for (TaskId t : s.order)
    if (t < 0 || static_cast<std::size_t>(t) >= n || seen[static_cast<std::size_t>(t)]++) perm = false;
  if (!perm) bad.add("the commit order is not a permutation of the tasks (each task exactly once)");
}

void check_precedence(const TaskGraph& g, const Schedule& s, Collector& bad) {
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    const Edge& edge = g.edge(e);
    const Slot& a = s.slots[static_cast<std::size_t>(edge.from)];
    const Slot& b = s.slots[static_cast<std::size_t>(edge.to)];
    const Time ready = a.finish + (a.proc == b.proc ? 0 : edge.comm_cost);
    if (b.start < ready)
      bad.add("task '" + g.name(edge.to) + "' starts at " + std::to_string(b.start) +
              " before its input from '" + g.name(edge.from) + "' is ready at " + std::to_string(ready));
  }
}

// Reports tasks that overlap on one processor; returns each processor's busy time.
std::vector<Time> check_processor_overlaps(const TaskGraph& g, const Schedule& s, Collector& bad) {
  const std::size_t n = s.slots.size();
  std::vector<TaskId> by_proc(n);
  for (std::size_t i = 0; i < n; ++i) by_proc[i] = static_cast<TaskId>(i);
  std::sort(by_proc.begin(), by_proc.end(), [&](TaskId x, TaskId y) {
    const Slot &a = s.slots[static_cast<std::size_t>(x)], &b = s.slots[static_cast<std::size_t>(y)];
    if (a.proc != b.proc) return a.proc < b.proc;
    if (a.start != b.start) return a.start < b.start;
    return a.finish < b.finish;
  });
  std::vector<Time> busy(static_cast<std::size_t>(g.num_processors()), 0);
  std::size_t latest = 0;  // on the current processor, the task that finishes last so far
  for (std::size_t i = 0; i < n; ++i) {
    const Slot& cur = s.slots[static_cast<std::size_t>(by_proc[i])];
    busy[static_cast<std::size_t>(cur.proc)] += cur.finish - cur.start;
    const Slot& prev = s.slots[static_cast<std::size_t>(by_proc[latest])];
    if (i == 0 || prev.proc != cur.proc) {
      latest = i;
      continue;
    }
    if (cur.start < prev.finish)
      bad.add("tasks '" + g.name(by_proc[latest]) + "' " + at(prev.start, prev.finish) + " and '" +
              g.name(by_proc[i]) + "' " + at(cur.start, cur.finish) + " overlap on " +
              g.processor_name(cur.proc));
    if (cur.finish > prev.finish) latest = i;
  }
  return busy;
}

void check_memory(const MemoryProfile& mem, Bytes capacity, Collector& bad) {
  if (capacity > 0 && mem.peak_bytes > capacity)
    bad.add("memory peaks at " + std::to_string(mem.peak_bytes) + " bytes at time " +
            std::to_string(mem.peak_time) + ", above the capacity of " + std::to_string(capacity) + " bytes");
}

void fill_utilisation(ValidationReport& r, const std::vector<Time>& busy) {
  r.utilisation.assign(busy.size(), 0.0);
  double sum = 0;
  for (std::size_t p = 0; p < busy.size(); ++p) {
    r.utilisation[p] = r.makespan > 0 ? static_cast<double>(busy[p]) / r.makespan : 0.0;
    sum += r.utilisation[p];
  }
  r.mean_utilisation = sum / static_cast<double>(busy.size());
}

}  // namespace

Time makespan_lower_bound(const TaskGraph& g) {
  std::vector<Time> path(static_cast<std::size_t>(g.num_tasks()), 0);
  Time longest = 0, work = 0;
  for (TaskId t : g.topological_order()) {
    Time ready = 0;
    for (EdgeId e : g.in_edges(t)) ready = std::max(ready, path[static_cast<std::size_t>(g.edge(e).from)]);
    const Time c = g.min_cost(t);
    path[static_cast<std::size_t>(t)] = ready + c;
    longest = std::max(longest, ready + c);
    work += c;
  }
  const Time p = g.num_processors();
  return std::max(longest, (work + p - 1) / p);
}

ValidationReport validate(const TaskGraph& g, const BufferPlan& buffers, const Schedule& s, Bytes capacity) {
  ValidationReport r;
  Collector bad(r);
  const auto n = static_cast<std::size_t>(g.num_tasks());
  r.lower_bound = makespan_lower_bound(g);
  if (s.slots.size() != n) {
    bad.add("the schedule places " + std::to_string(s.slots.size()) + " tasks, the graph has " +
            std::to_string(n));
    return r;
  }
  const bool placed = check_slots(g, s, bad);
  check_commit_order(s, n, bad);
  if (!placed) return r;
  check_precedence(g, s, bad);
  const std::vector<Time> busy = check_processor_overlaps(g, s, bad);

  const MemoryProfile mem = memory_profile(g, buffers, s);
  r.makespan = mem.makespan;
  r.peak_bytes = mem.peak_bytes;
  r.mean_bytes = mem.mean_bytes;
  check_memory(mem, capacity, bad);
  fill_utilisation(r, busy);
  return r;
}

}  // namespace cnnsched
