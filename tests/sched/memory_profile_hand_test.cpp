#include <gtest/gtest.h>

#include <cnnsched/sched/memory/memory_profile.hpp>

namespace cnnsched::memory_profile_hand_test {
namespace {

// One processor, tasks placed by hand (the profile does not check the schedule):
// a [0,10], b [10,20], c [20,25], d [25,30], e [12,12] (zero length).
struct HandCase {
  TaskGraph g = TaskGraph::with_distinct_processors({"P"});
  BufferPlan plan;
  Schedule s;
  HandCase() {
    for (const char* n : {"a", "b", "c", "d", "e"}) g.add_task(n, -1, {0});
    g.finalize();
    s.slots = {{0, 0, 10}, {0, 10, 20}, {0, 20, 25}, {0, 25, 30}, {0, 12, 12}};
    const BufferId x = plan.add_buffer("X", 100), y = plan.add_buffer("Y", 50);
    const BufferId z = plan.add_buffer("Z", 30, /*until_end=*/true), w = plan.add_buffer("W", 20);
    const BufferId v = plan.add_buffer("V", 40), u = plan.add_buffer("U", 60);
    const BufferId q = plan.add_buffer("Q", 1000);  // only the zero-length task uses it
    plan.add_buffer("unused", 7);
    plan.add_use(0, x), plan.add_use(1, x);
    plan.add_use(1, y), plan.add_use(2, y);
    plan.add_use(0, z);
    plan.add_use(2, w);
    plan.add_use(1, v);
    plan.add_use(2, u);
    plan.add_use(4, q);
    plan.finalize(5);
  }
};

TEST(MemoryProfile, HandComputedCase) {
  const HandCase h;
  const MemoryProfile m = memory_profile(h.g, h.plan, h.s);
  // t0: +X +Z = 130; t10: +Y +V = 220; t20: -X -V = 80 (frees first), +W +U = 160;
  // t25: -Y -W -U = 30; t30 (makespan): -Z = 0.
  struct E {
    Time time;
    Bytes delta;
    BufferId buffer;
    TaskId task;
    Bytes in_use;
  };
  const std::vector<E> expected = {{0, 100, 0, 0, 100}, {0, 30, 2, 0, 130},    {10, 50, 1, 1, 180},
                                   {10, 40, 4, 1, 220}, {20, -100, 0, 1, 120}, {20, -40, 4, 1, 80},
                                   {20, 20, 3, 2, 100}, {20, 60, 5, 2, 160},   {25, -50, 1, 2, 110},
                                   {25, -20, 3, 2, 90}, {25, -60, 5, 2, 30},   {30, -30, 2, 0, 0}};
  ASSERT_EQ(m.events.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(m.events[i].time, expected[i].time) << i;
    EXPECT_EQ(m.events[i].delta, expected[i].delta) << i;
    EXPECT_EQ(m.events[i].buffer, expected[i].buffer) << i;
    EXPECT_EQ(m.events[i].task, expected[i].task) << i;
    EXPECT_EQ(m.events[i].in_use, expected[i].in_use) << i;
  }
  EXPECT_EQ(m.peak_bytes, 220);  // 300 if the allocations at t20 came before the frees
  EXPECT_EQ(m.peak_time, 10);
  EXPECT_EQ(m.makespan, 30);
  EXPECT_DOUBLE_EQ(m.mean_bytes, (130.0 * 10 + 220.0 * 10 + 160.0 * 5 + 30.0 * 5) / 30.0);
}

TEST(MemoryProfile, UntilEndFollowsTheMakespan) {
  HandCase h;
  h.s.slots[3] = {0, 25, 90};  // d now ends at 90: Z stays until then
  const MemoryProfile m = memory_profile(h.g, h.plan, h.s);
  EXPECT_EQ(m.events.back().time, 90);
  EXPECT_EQ(m.events.back().buffer, 2);
  EXPECT_EQ(m.events.back().in_use, 0);
}

}  // namespace
}  // namespace cnnsched::memory_profile_hand_test
