#include <gtest/gtest.h>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/upward_rank.hpp>

#include "sched/heft_examples.hpp"

namespace cnnsched::heft_topcuoglu_test {
namespace {

TEST(UpwardRank, MatchesTopcuoglu2002Table) {
  const TaskGraph g = test::topcuoglu_graph();
  const std::vector<double> rank = upward_ranks(g);
  const double expected[10] = {108.0, 77.0, 80.0, 80.0, 69.0, 63.333, 42.667, 35.667, 44.333, 14.667};
  for (int i = 0; i < 10; ++i) EXPECT_NEAR(rank[i], expected[i], 0.001) << "n" << i + 1;
}

TEST(UpwardRank, OrderBreaksExactTiesByTopologicalPosition) {
  // n3 and n4 both have rank 80 exactly: n3 comes first.
  const std::vector<TaskId> order = rank_order(test::topcuoglu_graph());
  const std::vector<TaskId> expected = {0, 2, 3, 1, 4, 5, 8, 6, 7, 9};
  EXPECT_EQ(order, expected);
}

TEST(Heft, ReproducesTopcuoglu2002Schedule) {
  const TaskGraph g = test::topcuoglu_graph();
  const Schedule s = schedule_heft(g);
  EXPECT_EQ(s.policy, "heft");
  EXPECT_EQ(s.makespan(), 80);
  // Processor (0 = P1), start, finish of n1..n10 in the paper's Fig. 4(a).
  const Slot expected[10] = {{2, 0, 9},   {0, 27, 40}, {2, 9, 28},  {1, 18, 26}, {2, 28, 38},
                             {1, 26, 42}, {2, 38, 49}, {0, 57, 62}, {1, 56, 68}, {1, 73, 80}};
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(s.slots[i].proc, expected[i].proc) << "n" << i + 1;
    EXPECT_EQ(s.slots[i].start, expected[i].start) << "n" << i + 1;
    EXPECT_EQ(s.slots[i].finish, expected[i].finish) << "n" << i + 1;
  }
  const ValidationReport r = validate(g, BufferPlan::from_outputs(g, std::vector<Bytes>(10, 0)), s, 0);
  EXPECT_TRUE(r.ok) << (r.violations.empty() ? "" : r.violations[0]);
  EXPECT_EQ(r.makespan, 80);
}

TEST(Heft, InsertsIntoAnIdleGap) {
  // a and a2 (one per PE) feed b and b2 over slow links, so both PEs idle over
  // [10, 60]; c, independent and last in rank order, goes into that gap on P1
  // instead of after b.
  TaskGraph g = TaskGraph::with_distinct_processors({"P1", "P2"});
  const TaskId a = g.add_task("a", -1, {10, 10});
  const TaskId a2 = g.add_task("a2", -1, {10, 10});
  const TaskId b = g.add_task("b", -1, {30, 40});
  const TaskId b2 = g.add_task("b2", -1, {40, 30});
  const TaskId c = g.add_task("c", -1, {20, 20});
  for (TaskId to : {b, b2}) {
    g.add_edge(a, to, 50);
    g.add_edge(a2, to, 50);
  }
  g.finalize();
  const Schedule s = schedule_heft(g);
  EXPECT_EQ(s.order.back(), c);
  EXPECT_EQ(s.slots[b].proc, 0);
  EXPECT_EQ(s.slots[b].start, 60);
  EXPECT_EQ(s.slots[c].proc, 0);
  EXPECT_EQ(s.slots[c].start, 10);
  EXPECT_EQ(s.slots[c].finish, 30);
  EXPECT_EQ(s.makespan(), 90);
  EXPECT_TRUE(validate(g, BufferPlan::from_outputs(g, std::vector<Bytes>(5, 0)), s, 0).ok);
}

TEST(Heft, ValidOnRandomGraphsAndUsesGaps) {
  int inserted = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    SyntheticDagSpec spec;
    spec.layers = 3 + static_cast<int>(seed % 5);
    spec.width = 2 + static_cast<int>(seed % 7);
    spec.processors = 2 + static_cast<int>(seed % 3);
    spec.heterogeneous = true;
    spec.max_comm = 800;
    spec.residual_every = static_cast<int>(seed % 3);
    spec.seed = seed;
    const SyntheticDag d = make_synthetic_dag(spec);
    const Schedule s = schedule_heft(d.graph);
    const ValidationReport r = validate(d.graph, d.buffers, s, 0);
    ASSERT_TRUE(r.ok) << "seed " << seed << ": " << r.violations[0];
    EXPECT_GE(r.makespan, r.lower_bound);
    // A task committed later but starting earlier on the same processor went into a gap.
    std::vector<Time> latest(spec.processors, -1);
    for (TaskId t : s.order) {
      const Slot& slot = s.slots[t];
      if (slot.start < latest[slot.proc]) ++inserted;
      latest[slot.proc] = std::max(latest[slot.proc], slot.start);
    }
  }
  EXPECT_GT(inserted, 0);
}

}  // namespace
}  // namespace cnnsched::heft_topcuoglu_test
