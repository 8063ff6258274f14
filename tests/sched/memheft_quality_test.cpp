// Memory-aware HEFT's quality on sched_bench-like synthetic graphs (issue #18):
// at 0.7 and 0.5 x HEFT's peak, where memory is far from binding (the
// reference peak is about 0.27 x), the makespan stays within 1.3 x HEFT's. The
// guarded run in rank_u order alone, the rule before the reference-priority
// run, is refused by the safety rule so often that it is far slower.
#include <gtest/gtest.h>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/memheft_context.hpp>
#include <cnnsched/sched/policies/memheft_run.hpp>

namespace cnnsched {
namespace {

TEST(MemHeftQuality, WithinThirtyPercentOfHeftAtAFractionOfItsPeakOnSyntheticGraphs) {
  for (const std::int64_t tasks : {2000, 5000}) {
    SCOPED_TRACE(std::to_string(tasks) + " tasks");
    const SyntheticDag d = make_synthetic_dag(synthetic_spec_with_tasks(tasks, 16));
    const Schedule heft = schedule_heft(d.graph);
    const Bytes heft_peak = memory_profile(d.graph, d.buffers, heft).peak_bytes;
    for (const double f : {0.7, 0.5}) {
      const auto cap = static_cast<Bytes>(f * static_cast<double>(heft_peak));
      ASSERT_GE(cap, memheft_smallest_capacity(d.graph, d.buffers));
      const Schedule s = schedule_memheft(d.graph, d.buffers, cap);
      const ValidationReport r = validate(d.graph, d.buffers, s, cap);
      ASSERT_TRUE(r.ok) << r.violations.front();
      EXPECT_LE(r.peak_bytes, cap);
      EXPECT_LE(static_cast<double>(s.makespan()), 1.3 * static_cast<double>(heft.makespan())) << f;
      // The rank_u-priority guarded run alone is much slower here.
      const MemheftContext c(d.graph, d.buffers);
      const MemheftRunResult rank = memheft_run(c, cap, true, MemheftPriority::Rank);
      ASSERT_TRUE(rank.ok);
      EXPECT_GT(static_cast<double>(rank.schedule.makespan()), 1.5 * static_cast<double>(s.makespan())) << f;
    }
  }
}

}  // namespace
}  // namespace cnnsched
