#include <gtest/gtest.h>
#include <random>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

namespace cnnsched::memheft_safety_test {
namespace {

std::string first(const ValidationReport& r) { return r.violations.empty() ? "" : r.violations[0]; }

// Two chains x1 -> x2 on two PEs: x1 writes a 100-byte buffer that x2 reads,
// x2 also needs a private 100-byte scratch. With 200 bytes, starting both
// heads fills memory with outputs no consumer can add its scratch to: the plain
// greedy deadlocks. One chain at a time fits.
struct TwoChains {
  TaskGraph g = TaskGraph::with_distinct_processors({"P0", "P1"});
  BufferPlan plan;
  TwoChains() {
    for (int c = 0; c < 2; ++c) {
      const std::string x = c == 0 ? "a" : "b";
      const TaskId head = g.add_task(x + "1", 0, {10, 10});
      const TaskId tail = g.add_task(x + "2", 1, {10, 10});
      g.add_edge(head, tail, 0);
      const BufferId out = plan.add_buffer(x + ".out", 100);
      plan.add_use(head, out);
      plan.add_use(tail, out);
      plan.add_use(tail, plan.add_buffer(x + ".scratch", 100));
    }
    g.finalize();
    plan.finalize(g.num_tasks());
  }
};

TEST(MemHeftSafety, AvoidsTheDeadlockOfStartingBothChains) {
  const TwoChains t;
  EXPECT_EQ(memheft_smallest_capacity(t.g, t.plan), 200);
  const Schedule s = schedule_memheft(t.g, t.plan, 200);
  const ValidationReport r = validate(t.g, t.plan, s, 200);
  ASSERT_TRUE(r.ok) << first(r);
  EXPECT_LE(r.peak_bytes, 200);
  // One chain finishes before the other starts.
  EXPECT_EQ(s.makespan(), 40);
  // Unconstrained, both chains run side by side.
  EXPECT_EQ(schedule_memheft(t.g, t.plan, 0).makespan(), 20);
  try {
    schedule_memheft(t.g, t.plan, 199);
    FAIL() << "expected InfeasibleCapacity";
  } catch (const InfeasibleCapacity& e) {
    EXPECT_EQ(e.capacity(), 199);
    EXPECT_EQ(e.smallest_feasible(), 200);
    EXPECT_EQ(e.needed(), 200);
  }
}

SyntheticDag random_dag(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  SyntheticDagSpec spec;
  spec.layers = 2 + static_cast<int>(rng() % 6);
  spec.width = 2 + static_cast<int>(rng() % 10);
  spec.radius = static_cast<int>(rng() % 3);
  spec.processors = 1 + static_cast<int>(rng() % 5);
  spec.residual_every = static_cast<int>(rng() % 3);
  spec.halve_every = static_cast<int>(rng() % 3);
  spec.heterogeneous = rng() % 2 == 0;
  spec.max_comm = static_cast<Time>(rng() % 300);
  spec.min_cost = static_cast<Time>(rng() % 3) * 50;
  spec.max_cost = spec.min_cost + 500;
  spec.weight_bytes = static_cast<Bytes>(rng() % 3) * 2000;
  spec.seed = seed;
  return make_synthetic_dag(spec);
}

// Feasibility is monotone: every capacity from the smallest one up to the
// unconstrained peak gives a valid schedule within it, every one below throws
// naming that smallest capacity.
TEST(MemHeftSafety, FeasibleAtEveryCapacityFromTheSmallestUp) {
  int runs = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const SyntheticDag d = random_dag(seed);
    const Bytes smallest = memheft_smallest_capacity(d.graph, d.buffers);
    const Bytes peak = memory_profile(d.graph, d.buffers, schedule_memheft(d.graph, d.buffers, 0)).peak_bytes;
    ASSERT_LE(smallest, peak) << "seed " << seed;
    const Bytes step = std::max<Bytes>(1, (peak - smallest) / 12);
    for (Bytes cap = smallest; cap <= peak; cap += step) {
      const auto s = try_schedule_memheft(d.graph, d.buffers, cap);
      ASSERT_TRUE(s.has_value()) << "seed " << seed << " cap " << cap;
      const ValidationReport r = validate(d.graph, d.buffers, *s, cap);
      ASSERT_TRUE(r.ok) << "seed " << seed << " cap " << cap << ": " << first(r);
      EXPECT_EQ(s->order.size(), static_cast<std::size_t>(d.graph.num_tasks()));
      ++runs;
    }
    if (smallest > 1) {
      EXPECT_FALSE(try_schedule_memheft(d.graph, d.buffers, smallest - 1).has_value()) << "seed " << seed;
      try {
        schedule_memheft(d.graph, d.buffers, smallest - 1);
        ADD_FAILURE() << "seed " << seed << ": expected InfeasibleCapacity";
      } catch (const InfeasibleCapacity& e) {
        EXPECT_EQ(e.smallest_feasible(), smallest);
        EXPECT_GT(e.needed(), smallest - 1);
      }
    }
  }
  EXPECT_GT(runs, 300);
}

// The same graph and capacity always give the same schedule.
TEST(MemHeftSafety, Deterministic) {
  const SyntheticDag d = random_dag(7);
  const Bytes cap = memheft_smallest_capacity(d.graph, d.buffers);
  const Schedule a = schedule_memheft(d.graph, d.buffers, cap);
  const Schedule b = schedule_memheft(d.graph, d.buffers, cap);
  EXPECT_EQ(a.order, b.order);
  for (std::size_t i = 0; i < a.slots.size(); ++i) {
    EXPECT_EQ(a.slots[i].proc, b.slots[i].proc);
    EXPECT_EQ(a.slots[i].start, b.slots[i].start);
  }
}

}  // namespace
}  // namespace cnnsched::memheft_safety_test
