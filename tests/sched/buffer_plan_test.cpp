#include <gtest/gtest.h>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched::buffer_plan_test {
namespace {

TEST(BufferPlan, FromOutputsKeepsSinksAndCountsUsers) {
  auto g = TaskGraph::with_distinct_processors({"P"});
  const TaskId a = g.add_task("a", 0, {1});
  const TaskId b = g.add_task("b", 1, {1});
  const TaskId c = g.add_task("c", 1, {1});
  g.add_edge(a, b);
  g.add_edge(a, c);
  g.finalize();
  const BufferPlan plan = BufferPlan::from_outputs(g, {10, 20, 0});
  ASSERT_EQ(plan.num_buffers(), 2);
  EXPECT_EQ(plan.num_users(0), 3);  // a writes, b and c read
  EXPECT_FALSE(plan.buffer(0).until_end);
  EXPECT_TRUE(plan.buffer(1).until_end);  // b is a sink
  EXPECT_EQ(plan.buffers_of(c).size(), 1u);
}

TEST(BufferPlan, GroupingSumsBytesAndPacksOffsets) {
  BufferPlan plan;
  plan.add_buffer("t0", 4);
  plan.add_buffer("t1", 6);
  plan.add_buffer("u0", 3, true);
  plan.add_use(0, 0);
  plan.add_use(1, 1);
  plan.add_use(2, 2);
  plan.add_use(2, 0);
  plan.finalize(3);
  const auto g = plan.grouped({{0, 0, 1}, {"L0", "L1"}});
  ASSERT_EQ(g.plan.num_buffers(), 2);
  EXPECT_EQ(g.plan.buffer(0).bytes, 10);
  EXPECT_EQ(g.offset_in_group[1], 4);
  EXPECT_TRUE(g.plan.buffer(1).until_end);
  EXPECT_EQ(g.plan.num_users(0), 3);  // tasks 0, 1, 2
}

}  // namespace
}  // namespace cnnsched::buffer_plan_test
