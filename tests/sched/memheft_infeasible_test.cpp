// Memory-aware HEFT's exit-3 message says what its number is, the smallest
// capacity memory-aware HEFT meets, and on small graphs the smallest capacity
// any schedule meets, decided exactly (issue #19, item 3).
#include <gtest/gtest.h>
#include <string>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/random_dag.hpp>
#include <cnnsched/sched/policies/exact.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

namespace cnnsched {
namespace {

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// The message at `capacity`, below memheft's smallest.
MemheftInfeasible error_at(const SyntheticDag& d, Bytes capacity) {
  try {
    schedule_memheft(d.graph, d.buffers, capacity);
  } catch (const MemheftInfeasible& e) {
    return e;
  }
  ADD_FAILURE() << "no error at capacity " << capacity;
  return MemheftInfeasible("", 0, 0, 0, std::nullopt);
}

// A small random graph where some schedule needs less memory than memheft's.
TEST(MemHeftInfeasible, NamesMemheftsSmallestAndTheTrueMinimum) {
  int cases = 0;
  for (std::uint64_t seed = 1; seed <= 200 && cases < 3; ++seed) {
    RandomDagSpec spec;
    spec.tasks = 10;
    spec.processors = 2;
    spec.seed = seed;
    const SyntheticDag d = make_random_dag(spec);
    const Bytes memheft_min = memheft_smallest_capacity(d.graph, d.buffers);
    const std::optional<Bytes> exact_min = exact_smallest_capacity(d.graph, d.buffers);
    ASSERT_TRUE(exact_min) << "seed " << seed;
    ASSERT_LE(*exact_min, memheft_min);
    if (*exact_min == memheft_min) continue;
    ++cases;
    SCOPED_TRACE("seed " + std::to_string(seed));
    // The true minimum: a schedule meets it, none meets one byte less.
    const ExactResult at = schedule_exact(d.graph, d.buffers, *exact_min);
    ASSERT_TRUE(at.status == ExactStatus::Optimal || at.status == ExactStatus::BestFound);
    EXPECT_TRUE(validate(d.graph, d.buffers, at.schedule, *exact_min).ok);
    EXPECT_EQ(schedule_exact(d.graph, d.buffers, *exact_min - 1).status, ExactStatus::Infeasible);
    // Between the two: infeasible for memheft, and the message says a schedule exists.
    const MemheftInfeasible between = error_at(d, *exact_min);
    const std::string what = between.what();
    EXPECT_EQ(between.smallest_feasible(), memheft_min);
    EXPECT_EQ(between.any_smallest(), exact_min);
    EXPECT_TRUE(has(what, "is infeasible for memory-aware HEFT")) << what;
    EXPECT_TRUE(has(
        what, "the smallest capacity memory-aware HEFT meets is " + std::to_string(memheft_min) + " bytes"))
        << what;
    EXPECT_TRUE(has(what, "the smallest any schedule meets is " + std::to_string(*exact_min) + " bytes"))
        << what;
    EXPECT_TRUE(has(what, "a schedule within " + std::to_string(*exact_min) + " bytes exists")) << what;
    // Below both: only the two minima.
    const std::string below = error_at(d, *exact_min - 1).what();
    EXPECT_TRUE(has(below, "the smallest any schedule meets is " + std::to_string(*exact_min) + " bytes"))
        << below;
    EXPECT_FALSE(has(below, "exists")) << below;
  }
  EXPECT_GT(cases, 0) << "no random graph where memheft's smallest capacity is above the true minimum";
}

}  // namespace
}  // namespace cnnsched
