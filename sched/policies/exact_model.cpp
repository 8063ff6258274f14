// The exact policy's constraint model in Gecode (see exact.hpp for the model).
// Times are divided by the gcd of all costs and communication costs and bytes
// by the gcd of all buffer sizes, so the domains stay small and fit Gecode's
// 32-bit integers.
#include <algorithm>
#include <gecode/int.hh>
#include <gecode/minimodel.hh>
#include <gecode/search.hh>
#include <memory>
#include <numeric>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/exact_parts.hpp>
#include <cnnsched/sched/policies/upward_rank.hpp>

namespace cnnsched::exact_detail {
namespace {

using namespace Gecode;

constexpr long long kMaxDomain = 1000000000;  // well inside Gecode's Int::Limits

// The instance in solver units.
struct Instance {
  int n = 0, procs = 0;
  std::vector<std::vector<int>> cost;  // [task][proc]
  struct Arc {
    int from, to, comm;
  };
  std::vector<Arc> arcs;
  struct Buf {
    std::vector<int> users;
    int bytes;
    bool until_end;
  };
  std::vector<Buf> bufs;
  bool memory_binds = false;  // false: every buffer fits at once
  int capacity = 0;
  int horizon = 0;  // makespans are at most this
  int lower = 0;
  std::vector<TaskId> rank;               // branching order
  std::vector<std::vector<int>> classes;  // interchangeable processors
  Time time_unit = 1;
};

Time gcd_time(const TaskGraph& g) {
  Time d = 0;
  for (TaskId t = 0; t < g.num_tasks(); ++t)
    for (int c = 0; c < g.num_classes(); ++c) d = std::gcd(d, g.class_cost(t, c));
  for (EdgeId e = 0; e < g.num_edges(); ++e) d = std::gcd(d, g.edge(e).comm_cost);
  return d > 0 ? d : 1;
}

// A makespan no schedule needs to exceed: left-justified schedules start every
// task at 0 or at some other task's finish (plus a communication cost).
Time horizon_bound(const TaskGraph& g) {
  Time h = 0;
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    Time worst = 0, comm = 0;
    for (int p = 0; p < g.num_processors(); ++p) worst = std::max(worst, g.cost(t, p));
    for (EdgeId e : g.in_edges(t)) comm = std::max(comm, g.edge(e).comm_cost);
    h += worst + comm;
  }
  return h;
}

int scaled(long long v, long long unit, const char* what) {
  const long long s = v / unit;
  if (s > kMaxDomain)
    throw InputError("exact policy", "",
                     std::string(what) + " too large for the solver (" + std::to_string(s) +
                         " units, at most " + std::to_string(kMaxDomain) + ")");
  return static_cast<int>(s);
}

Instance make_instance(const TaskGraph& g, const BufferPlan& buffers, Bytes capacity, Time below) {
  Instance in;
  in.n = g.num_tasks();
  in.procs = g.num_processors();
  in.time_unit = gcd_time(g);
  const Time u = in.time_unit;
  const Time h = below > 0 ? std::min(below - 1, horizon_bound(g)) : horizon_bound(g);
  in.horizon = scaled(h, u, "the time horizon");
  in.cost.assign(static_cast<std::size_t>(in.n), std::vector<int>(static_cast<std::size_t>(in.procs)));
  for (TaskId t = 0; t < in.n; ++t)
    for (int p = 0; p < in.procs; ++p) in.cost[t][p] = scaled(g.cost(t, p), u, "a task cost");
  for (EdgeId e = 0; e < g.num_edges(); ++e)
    in.arcs.push_back({g.edge(e).from, g.edge(e).to, scaled(g.edge(e).comm_cost, u, "a communication cost")});
  Bytes unit = 0, total = 0;
  for (BufferId b = 0; b < buffers.num_buffers(); ++b)
    unit = std::gcd(unit, buffers.buffer(b).bytes), total += buffers.buffer(b).bytes;
  if (capacity > 0 && capacity < total) {
    in.memory_binds = true;
    in.capacity = scaled(capacity, unit, "the capacity");
    scaled(total, unit, "the buffers' total size");
    std::vector<std::vector<int>> users(static_cast<std::size_t>(buffers.num_buffers()));
    for (TaskId t = 0; t < in.n; ++t)
      for (BufferId b : buffers.buffers_of(t)) users[static_cast<std::size_t>(b)].push_back(t);
    for (BufferId b = 0; b < buffers.num_buffers(); ++b)
      if (buffers.buffer(b).bytes > 0 && !users[static_cast<std::size_t>(b)].empty())
        in.bufs.push_back({users[static_cast<std::size_t>(b)],
                           static_cast<int>(buffers.buffer(b).bytes / unit), buffers.buffer(b).until_end});
  }
  in.lower = scaled(makespan_lower_bound(g) + u - 1, u, "the lower bound");
  in.rank = rank_order(g);
  in.classes.resize(static_cast<std::size_t>(g.num_classes()));
  for (int p = 0; p < in.procs; ++p) in.classes[static_cast<std::size_t>(g.processor_class(p))].push_back(p);
  return in;
}

class ExactSpace : public IntMinimizeSpace {
 public:
  IntVarArray start, proc;
  IntVar makespan;

  ExactSpace(const Instance& in, Branching branching)
      : start(*this, in.n, 0, in.horizon),
        proc(*this, in.n, 0, in.procs - 1),
        makespan(*this, in.lower, in.horizon) {
    IntVarArgs end(in.n);
    for (int t = 0; t < in.n; ++t) {
      const IntArgs c(in.cost[t]);
      IntVar dur(*this, *std::min_element(in.cost[t].begin(), in.cost[t].end()),
                 *std::max_element(in.cost[t].begin(), in.cost[t].end()));
      element(*this, c, proc[t], dur);
      end[t] = IntVar(*this, 0, in.horizon);
      rel(*this, start[t] + dur == end[t]);
    }
    max(*this, end, makespan);
    post_processors(in);
    for (const Instance::Arc& a : in.arcs) {
      if (a.comm == 0 || in.procs == 1) {
        rel(*this, start[a.to] >= end[a.from]);
        continue;
      }
      BoolVar remote(*this, 0, 1);
      rel(*this, proc[a.from], IRT_NQ, proc[a.to], remote);
      rel(*this, start[a.to] >= end[a.from] + a.comm * remote);
    }
    if (in.memory_binds) post_memory(in, end);
    IntVarArgs order;
    for (TaskId t : in.rank) order << proc[t] << start[t];
    IntVarArgs procs_in_rank, starts_in_rank;
    for (TaskId t : in.rank) procs_in_rank << proc[t], starts_in_rank << start[t];
    for (const std::vector<int>& members : in.classes)
      if (members.size() > 1) precede(*this, procs_in_rank, IntArgs(members));
    post_left_justified(in, end);
    if (branching == Branching::TaskByTask) {
      branch(*this, order, INT_VAR_NONE(), INT_VAL_MIN());
    } else {
      branch(*this, starts_in_rank, INT_VAR_MIN_MIN(), INT_VAL_MIN());
      branch(*this, procs_in_rank, INT_VAR_NONE(), INT_VAL_MIN());
    }
  }

  ExactSpace(ExactSpace& other) : IntMinimizeSpace(other) {
    start.update(*this, other.start);
    proc.update(*this, other.proc);
    makespan.update(*this, other.makespan);
  }
  Space* copy() override { return new ExactSpace(*this); }
  IntVar cost() const override { return makespan; }

 private:
  // Dominance: some optimal schedule starts every task at 0, at another task's
  // end, or at an input's arrival (end + comm): moving a task earlier to the
  // latest such instant before it keeps every constraint and never raises the
  // peak (between two ends only allocations happen).
  void post_left_justified(const Instance& in, const IntVarArgs& end) {
    std::vector<BoolVarArgs> options(static_cast<std::size_t>(in.n));
    for (int t = 0; t < in.n; ++t) options[t] << expr(*this, start[t] == 0);
    for (int t = 0; t < in.n; ++t)
      for (int j = 0; j < in.n; ++j)
        if (j != t) options[t] << expr(*this, start[t] == end[j]);
    for (const Instance::Arc& a : in.arcs)
      if (a.comm > 0) options[a.to] << expr(*this, start[a.to] == end[a.from] + a.comm);
    for (int t = 0; t < in.n; ++t) rel(*this, BOT_OR, options[t], 1);
  }

  // Each processor runs one task at a time: the tasks placed on it.
  void post_processors(const Instance& in) {
    for (int p = 0; p < in.procs; ++p) {
      BoolVarArgs on(in.n);
      IntArgs dur(in.n);
      for (int t = 0; t < in.n; ++t) {
        on[t] = BoolVar(*this, 0, 1);
        rel(*this, proc[t], IRT_EQ, p, on[t]);
        dur[t] = in.cost[t][p];
      }
      unary(*this, start, dur, on);
    }
  }

  // Each buffer occupies [first user's start, last user's end) (the makespan
  // when until_end) with its bytes; together within the capacity.
  void post_memory(const Instance& in, const IntVarArgs& end) {
    IntVarArgs s, d, e;
    IntArgs use;
    for (const Instance::Buf& b : in.bufs) {
      IntVarArgs us, ue;
      for (int t : b.users) us << start[t], ue << end[t];
      IntVar alloc = us[0], release = b.until_end ? makespan : ue[0];
      if (us.size() > 1) alloc = IntVar(*this, 0, in.horizon), min(*this, us, alloc);
      if (!b.until_end && ue.size() > 1) release = IntVar(*this, 0, in.horizon), max(*this, ue, release);
      IntVar length(*this, 0, in.horizon);
      rel(*this, alloc + length == release);
      s << alloc, d << length, e << release, use << b.bytes;
    }
    cumulative(*this, in.capacity, s, d, e, use);
  }
};

class DeadlineStop : public Search::Stop {
 public:
  explicit DeadlineStop(Clock::time_point deadline) : deadline_(deadline) {}
  bool stop(const Search::Statistics&, const Search::Options&) override { return Clock::now() > deadline_; }

 private:
  Clock::time_point deadline_;
};

Schedule to_schedule(const TaskGraph& g, const ExactSpace& s, Time unit, Bytes capacity) {
  Schedule out;
  out.policy = "exact";
  out.capacity = capacity > 0 ? capacity : 0;
  out.slots.resize(static_cast<std::size_t>(g.num_tasks()));
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    const int p = s.proc[t].val();
    const Time begin = static_cast<Time>(s.start[t].val()) * unit;
    out.slots[static_cast<std::size_t>(t)] = {p, begin, begin + g.cost(t, p)};
  }
  // Commit order: by start, equal starts in topological order (zero-cost chains).
  std::vector<int> topo_pos(static_cast<std::size_t>(g.num_tasks()));
  for (std::size_t i = 0; i < g.topological_order().size(); ++i)
    topo_pos[static_cast<std::size_t>(g.topological_order()[i])] = static_cast<int>(i);
  out.order = g.topological_order();
  std::stable_sort(out.order.begin(), out.order.end(), [&](TaskId a, TaskId b) {
    const Time sa = out.slots[static_cast<std::size_t>(a)].start,
               sb = out.slots[static_cast<std::size_t>(b)].start;
    return sa != sb ? sa < sb : topo_pos[static_cast<std::size_t>(a)] < topo_pos[static_cast<std::size_t>(b)];
  });
  return out;
}

}  // namespace

SolveResult solve_cp(const TaskGraph& g, const BufferPlan& buffers, Bytes capacity, Time below,
                     Clock::time_point deadline, Branching branching) {
  SolveResult out;
  const Instance in = make_instance(g, buffers, capacity, below);
  if (in.n == 0 || in.lower > in.horizon) {
    out.complete = true;
    return out;
  }
  auto root = std::make_unique<ExactSpace>(in, branching);
  if (root->status() == SS_FAILED) {
    out.complete = true;
    return out;
  }
  DeadlineStop stop(deadline);
  Search::Options options;
  options.threads = 1;
  options.stop = &stop;
  BAB<ExactSpace> engine(root.get(), options);
  while (ExactSpace* found = engine.next()) {
    out.best = to_schedule(g, *found, in.time_unit, capacity);
    delete found;
  }
  out.complete = !engine.stopped();
  out.nodes = static_cast<long long>(engine.statistics().node);
  return out;
}

}  // namespace cnnsched::exact_detail
