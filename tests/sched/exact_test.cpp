#include <gtest/gtest.h>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/random_dag.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/exact.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

#include "support/exact_brute_force.hpp"

namespace cnnsched::exact_test {
namespace {

RandomDagSpec tiny_spec(std::uint64_t seed) {
  RandomDagSpec spec;
  spec.tasks = 4 + static_cast<int>(seed % 3);  // 4..6
  spec.processors = 2 + static_cast<int>(seed % 2);
  spec.heterogeneous = seed % 3 == 0;
  spec.edge_percent = 45;
  spec.max_cost = 4;
  spec.max_comm = 3;
  spec.max_bytes = 20;
  spec.shared_buffers = static_cast<int>(seed % 2);
  spec.seed = seed;
  return spec;
}

std::string first(const ValidationReport& r) { return r.violations.empty() ? "" : r.violations[0]; }

ExactOptions quick() {
  ExactOptions o;
  o.time_limit_s = 20;
  return o;
}

// The enumeration below keeps only left-justified schedules (starts at 0, a
// finish or an arrival); trying every instant finds nothing better.
TEST(Exact, LeftJustifiedSchedulesLoseNothing) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    RandomDagSpec spec = tiny_spec(seed);
    spec.tasks = 4;
    spec.max_cost = 3;
    spec.max_comm = 2;
    const SyntheticDag d = make_random_dag(spec);
    const brute::Best some = brute::brute_force(d.graph, d.buffers, 0);
    const Time horizon = schedule_heft(d.graph).makespan() + 2;
    EXPECT_EQ(brute::brute_force_every_instant(d.graph, d.buffers, 0, horizon).peak, some.peak);
    EXPECT_EQ(brute::brute_force_every_instant(d.graph, d.buffers, some.peak, horizon).makespan,
              brute::brute_force(d.graph, d.buffers, some.peak).makespan)
        << "seed " << seed;
  }
}

// The exact makespan and smallest capacity equal the brute force's, at the
// smallest capacity, a middle one and without a bound.
TEST(Exact, AgreesWithBruteForceOnTinyGraphs) {
  int bound_binds = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    const SyntheticDag d = make_random_dag(tiny_spec(seed));
    const brute::Best free_run = brute::brute_force(d.graph, d.buffers, 0);
    const std::optional<Bytes> smallest = exact_smallest_capacity(d.graph, d.buffers, quick());
    ASSERT_TRUE(smallest.has_value()) << "seed " << seed;
    EXPECT_EQ(*smallest, free_run.peak) << "seed " << seed;
    const Bytes heft_peak = memory_profile(d.graph, d.buffers, schedule_heft(d.graph)).peak_bytes;
    for (Bytes cap : {free_run.peak, (free_run.peak + heft_peak) / 2, Bytes{0}}) {
      const brute::Best want = brute::brute_force(d.graph, d.buffers, cap);
      const ExactResult r = schedule_exact(d.graph, d.buffers, cap, quick());
      ASSERT_EQ(r.status, ExactStatus::Optimal) << "seed " << seed << " cap " << cap;
      EXPECT_EQ(r.schedule.makespan(), want.makespan) << "seed " << seed << " cap " << cap;
      const ValidationReport v = validate(d.graph, d.buffers, r.schedule, cap);
      EXPECT_TRUE(v.ok) << "seed " << seed << ": " << first(v);
      if (cap > 0 && want.makespan > free_run.makespan) ++bound_binds;
    }
    // One byte less than the smallest capacity: proven infeasible.
    const ExactResult below = schedule_exact(d.graph, d.buffers, free_run.peak - 1, quick());
    EXPECT_EQ(below.status, ExactStatus::Infeasible) << "seed " << seed;
  }
  EXPECT_GT(bound_binds, 5);  // the memory bound changed the optimum often enough to matter
}

// On 8-12 tasks: never worse than HEFT, memory-aware HEFT or layer by layer
// when they fit, always valid within the capacity, and the smallest capacity
// never above memheft's.
TEST(Exact, NeverWorseThanTheHeuristics) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    RandomDagSpec spec = tiny_spec(seed);
    spec.tasks = 7 + static_cast<int>(seed % 3);
    const SyntheticDag d = make_random_dag(spec);
    const std::optional<Bytes> smallest = exact_smallest_capacity(d.graph, d.buffers, quick());
    ASSERT_TRUE(smallest.has_value());
    EXPECT_LE(*smallest, memheft_smallest_capacity(d.graph, d.buffers)) << "seed " << seed;
    const Schedule heft = schedule_heft(d.graph);
    const Bytes heft_peak = memory_profile(d.graph, d.buffers, heft).peak_bytes;
    for (Bytes cap : {*smallest, (*smallest + heft_peak) / 2, heft_peak}) {
      const ExactResult r = schedule_exact(d.graph, d.buffers, cap, quick());
      ASSERT_TRUE(r.status == ExactStatus::Optimal || r.status == ExactStatus::BestFound) << "seed " << seed;
      const ValidationReport v = validate(d.graph, d.buffers, r.schedule, cap);
      ASSERT_TRUE(v.ok) << "seed " << seed << ": " << first(v);
      EXPECT_LE(v.peak_bytes, cap);
      if (heft_peak <= cap) {
        EXPECT_LE(r.schedule.makespan(), heft.makespan());
      }
      if (std::optional<Schedule> m = try_schedule_memheft(d.graph, d.buffers, cap)) {
        EXPECT_LE(r.schedule.makespan(), m->makespan()) << "seed " << seed << " cap " << cap;
      }
      const Schedule layer = schedule_layer_by_layer(d.graph);
      if (memory_profile(d.graph, d.buffers, layer).peak_bytes <= cap) {
        EXPECT_LE(r.schedule.makespan(), layer.makespan());
      }
    }
  }
}

TEST(Exact, RefusesGraphsAboveTheLimit) {
  RandomDagSpec spec;
  spec.tasks = kExactMaxTasks + 1;
  const SyntheticDag d = make_random_dag(spec);
  try {
    schedule_exact(d.graph, d.buffers, 0);
    FAIL() << "no refusal";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("at most " + std::to_string(kExactMaxTasks)), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(exact_smallest_capacity(d.graph, d.buffers).has_value());
}

TEST(Exact, InfeasibleCapacityThrowsWithTheSmallest) {
  const SyntheticDag d = make_random_dag(tiny_spec(5));
  const Bytes smallest = *exact_smallest_capacity(d.graph, d.buffers);
  try {
    schedule_exact_or_throw(d.graph, d.buffers, smallest - 1, quick());
    FAIL() << "no error";
  } catch (const InfeasibleCapacity& e) {
    EXPECT_EQ(e.smallest_feasible(), smallest);
    EXPECT_NE(std::string(e.what()).find("proven"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(std::to_string(smallest) + " bytes"), std::string::npos) << e.what();
  }
}

// A zero time limit still returns a valid schedule (the best heuristic one)
// and says it is not proven, unless the proof needs next to no search.
TEST(Exact, TimeLimitGivesBestFound) {
  ExactOptions o;
  o.time_limit_s = 0;
  int unproven = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    RandomDagSpec spec = tiny_spec(seed);
    spec.tasks = 20;
    spec.processors = 3;
    const SyntheticDag d = make_random_dag(spec);
    const ExactResult r = schedule_exact(d.graph, d.buffers, 0, o);
    ASSERT_TRUE(validate(d.graph, d.buffers, r.schedule, 0).ok);
    EXPECT_LE(r.schedule.makespan(), schedule_heft(d.graph).makespan());
    // Optimal only when the proof needs (almost) no search.
    EXPECT_TRUE(r.status == ExactStatus::BestFound || r.status == ExactStatus::Optimal) << "seed " << seed;
    if (r.status == ExactStatus::BestFound) ++unproven;
  }
  EXPECT_GT(unproven, 3);
}

}  // namespace
}  // namespace cnnsched::exact_test
