#include <gtest/gtest.h>
#include <random>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

namespace cnnsched::memheft_capacity_test {
namespace {

std::string first(const ValidationReport& r) { return r.violations.empty() ? "" : r.violations[0]; }

SyntheticDag random_dag(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  SyntheticDagSpec spec;
  spec.layers = 3 + static_cast<int>(rng() % 5);
  spec.width = 2 + static_cast<int>(rng() % 7);
  spec.radius = static_cast<int>(rng() % 3);
  spec.processors = 1 + static_cast<int>(rng() % 4);
  spec.residual_every = static_cast<int>(rng() % 3);
  spec.heterogeneous = rng() % 2 == 0;
  spec.max_comm = static_cast<Time>(rng() % 300);
  spec.min_cost = static_cast<Time>(rng() % 3) * 50;  // sometimes zero-cost tasks
  spec.max_cost = spec.min_cost + 500;
  spec.weight_bytes = static_cast<Bytes>(rng() % 2) * 3000;
  spec.seed = seed;
  return make_synthetic_dag(spec);
}

// Every capacity either gives a valid schedule within it or the infeasible error,
// whose smallest capacity then works.
TEST(MemHeft, NeverExceedsCapacityOnRandomDags) {
  int constrained = 0, infeasible = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const SyntheticDag d = random_dag(seed);
    const Schedule free_run = schedule_memheft(d.graph, d.buffers, 0);
    ASSERT_TRUE(validate(d.graph, d.buffers, free_run, 0).ok)
        << first(validate(d.graph, d.buffers, free_run, 0));
    const Bytes peak = memory_profile(d.graph, d.buffers, free_run).peak_bytes;
    for (double f : {0.3, 0.6, 0.8, 0.9, 1.0}) {
      const Bytes cap = std::max<Bytes>(1, static_cast<Bytes>(f * peak));
      try {
        const Schedule s = schedule_memheft(d.graph, d.buffers, cap);
        const ValidationReport r = validate(d.graph, d.buffers, s, cap);
        ASSERT_TRUE(r.ok) << "seed " << seed << " cap " << cap << ": " << first(r);
        EXPECT_LE(r.peak_bytes, cap);
        EXPECT_EQ(s.capacity, cap);
        ++constrained;
      } catch (const InfeasibleCapacity& e) {
        ++infeasible;
        EXPECT_EQ(e.capacity(), cap);
        EXPECT_GT(e.smallest_feasible(), cap);
        const Schedule s = schedule_memheft(d.graph, d.buffers, e.smallest_feasible());
        EXPECT_TRUE(validate(d.graph, d.buffers, s, e.smallest_feasible()).ok) << "seed " << seed;
      }
    }
  }
  // The property is exercised on both sides.
  EXPECT_GT(constrained, 40);
  EXPECT_GT(infeasible, 10);
}

TEST(MemHeft, CapacitySerialisesIndependentTasks) {
  // Four independent tasks with a private 100-byte buffer each on 2 PEs: with
  // room for one buffer they run one at a time.
  auto g = TaskGraph::with_distinct_processors({"P0", "P1"});
  BufferPlan plan;
  for (int i = 0; i < 4; ++i) {
    g.add_task("t" + std::to_string(i), 0, {10, 10});
    plan.add_use(i, plan.add_buffer("b" + std::to_string(i), 100));
  }
  g.finalize();
  plan.finalize(4);
  EXPECT_EQ(schedule_memheft(g, plan, 0).makespan(), 20);
  const Schedule s = schedule_memheft(g, plan, 150);
  EXPECT_EQ(s.makespan(), 40);
  const ValidationReport r = validate(g, plan, s, 150);
  EXPECT_TRUE(r.ok) << first(r);
  EXPECT_EQ(r.peak_bytes, 100);
  EXPECT_EQ(s.order.size(), 4u);
}

TEST(MemHeft, SkipsATaskThatDoesNotFitForOneThatDoes) {
  // big (rank first) needs 300, small needs 50; with 200 bytes, only small runs.
  auto g = TaskGraph::with_distinct_processors({"P"});
  BufferPlan plan;
  g.add_task("big", 0, {100});
  g.add_task("small", 0, {10});
  plan.add_use(0, plan.add_buffer("B", 300));
  plan.add_use(1, plan.add_buffer("S", 50));
  g.finalize();
  plan.finalize(2);
  try {
    schedule_memheft(g, plan, 200);
    FAIL() << "expected InfeasibleCapacity";
  } catch (const InfeasibleCapacity& e) {
    EXPECT_EQ(e.task(), "big");
    EXPECT_EQ(e.needed(), 300);
    EXPECT_EQ(e.capacity(), 200);
    EXPECT_EQ(e.smallest_feasible(), 300);
    const std::string what = e.what();
    EXPECT_NE(what.find("'big'"), std::string::npos) << what;
    EXPECT_NE(what.find("300"), std::string::npos) << what;
  }
  const Schedule s = schedule_memheft(g, plan, 300);
  EXPECT_EQ(s.order.front(), 0);
  EXPECT_TRUE(validate(g, plan, s, 300).ok);
  EXPECT_EQ(memheft_smallest_capacity(g, plan), 300);
}

TEST(MemHeft, ResidualBlockWithinItsCapacity) {
  const DagFile dag = load_dag_json(CNNSCHED_SOURCE_DIR "/configs/dags/residual_block.json");
  ASSERT_GT(dag.memory_capacity, 0);
  const Schedule s = schedule_memheft(dag.graph, dag.buffers, dag.memory_capacity);
  const ValidationReport r = validate(dag.graph, dag.buffers, s, dag.memory_capacity);
  EXPECT_TRUE(r.ok) << first(r);
  // The input x lives until both skip adds ran, the outputs until the end.
  const Bytes smallest = memheft_smallest_capacity(dag.graph, dag.buffers);
  const Schedule tight = schedule_memheft(dag.graph, dag.buffers, smallest);
  EXPECT_TRUE(validate(dag.graph, dag.buffers, tight, smallest).ok);
  EXPECT_THROW(schedule_memheft(dag.graph, dag.buffers, 64 + 32 + 16 - 1), InfeasibleCapacity);
}

}  // namespace
}  // namespace cnnsched::memheft_capacity_test
