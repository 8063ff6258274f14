// Memory-aware HEFT never returns a longer makespan than HEFT when HEFT's own
// schedule fits the capacity, and more capacity never gives a longer makespan
// (issue #19, item 4), on 120 small random graphs, each swept over some 40
// capacities from the smallest memory-aware HEFT meets to past HEFT's peak.
#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/random_dag.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

namespace cnnsched::memheft_monotone_test {
namespace {

RandomDagSpec spec_for(std::uint64_t seed) {
  RandomDagSpec spec;
  spec.tasks = 8 + static_cast<int>(seed % 5) * 10;  // 8 .. 48 tasks
  spec.processors = 2 + static_cast<int>(seed % 3);
  spec.heterogeneous = seed % 2 == 0;
  spec.edge_percent = 20 + static_cast<int>(seed % 4) * 10;
  spec.shared_buffers = static_cast<int>(seed % 3);
  spec.seed = seed;
  return spec;
}

// The 120 graphs in four shards of 30 seeds, so ctest runs them in parallel.
class MemHeftMonotone : public ::testing::TestWithParam<int> {};

TEST_P(MemHeftMonotone, NeverSlowerThanAFittingHeftAndNonIncreasingOverEveryCapacity) {
  int heft_fits = 0;
  const std::uint64_t first = 1 + 30 * static_cast<std::uint64_t>(GetParam());
  for (std::uint64_t seed = first; seed < first + 30; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const SyntheticDag d = make_random_dag(spec_for(seed));
    const Schedule heft = schedule_heft(d.graph);
    const Bytes heft_peak = memory_profile(d.graph, d.buffers, heft).peak_bytes;
    const Bytes smallest = memheft_smallest_capacity(d.graph, d.buffers);
    const Bytes last = std::max(heft_peak, smallest) + 20;
    const Bytes step = std::max<Bytes>(1, (last - smallest) / 40);
    std::vector<Bytes> sweep;
    for (Bytes cap = smallest; cap <= last; cap += step) sweep.push_back(cap);
    sweep.push_back(heft_peak);  // exactly HEFT's peak, in its place
    std::sort(sweep.begin(), sweep.end());
    Time previous = 0;
    for (Bytes cap : sweep) {
      if (cap < smallest) continue;
      const Schedule s = schedule_memheft(d.graph, d.buffers, cap);
      ASSERT_TRUE(validate(d.graph, d.buffers, s, cap).ok) << "capacity " << cap;
      ASSERT_EQ(s.capacity, cap);
      if (cap > smallest) {
        ASSERT_LE(s.makespan(), previous) << "capacity " << cap;
      }
      if (heft_peak <= cap) {
        ASSERT_LE(s.makespan(), heft.makespan()) << "capacity " << cap;
        ++heft_fits;
      }
      previous = s.makespan();
    }
  }
  EXPECT_GT(heft_fits, 150);  // the HEFT side is exercised on every shard
}

INSTANTIATE_TEST_SUITE_P(Seeds, MemHeftMonotone, ::testing::Range(0, 4));

}  // namespace
}  // namespace cnnsched::memheft_monotone_test
