#include <gtest/gtest.h>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/policies/heft.hpp>

namespace cnnsched::validator_violations_test {
namespace {

// a -> b (comm 5), c independent; 2 processors, costs differ per processor.
struct Case {
  TaskGraph g = TaskGraph::with_distinct_processors({"P0", "P1"});
  BufferPlan plan;
  Schedule s;
  Case() {
    g.add_task("a", 0, {4, 8});
    g.add_task("b", 1, {6, 3});
    g.add_task("c", 0, {5, 5});
    g.add_edge(0, 1, 5);
    g.finalize();
    const BufferId x = plan.add_buffer("x", 100);
    plan.add_use(0, x);
    plan.add_use(1, x);
    const BufferId y = plan.add_buffer("y", 50);
    plan.add_use(2, y);
    plan.finalize(3);
    // a on P0 [0,4], b on P1 [9,12] (4 + comm 5), c on P0 [4,9].
    s.slots = {{0, 0, 4}, {1, 9, 12}, {0, 4, 9}};
    s.order = {0, 2, 1};
  }
};

std::string all(const ValidationReport& r) {
  std::string out;
  for (const std::string& v : r.violations) out += v + "\n";
  return out;
}

TEST(Validator, AcceptsAValidScheduleAndReportsFigures) {
  const Case c;
  const ValidationReport r = validate(c.g, c.plan, c.s, 150);
  EXPECT_TRUE(r.ok) << all(r);
  EXPECT_EQ(r.makespan, 12);
  EXPECT_EQ(r.peak_bytes, 150);  // x over [0,12], y over [4,9]
  ASSERT_EQ(r.utilisation.size(), 2u);
  EXPECT_DOUBLE_EQ(r.utilisation[0], 9.0 / 12);
  EXPECT_DOUBLE_EQ(r.utilisation[1], 3.0 / 12);
  // Critical path a -> b with fastest costs 4 + 3 = 7; work (4 + 3 + 5) / 2 = 6.
  EXPECT_EQ(r.lower_bound, 7);
}

TEST(Validator, CatchesWrongDuration) {
  Case c;
  c.s.slots[2].finish = 10;
  const ValidationReport r = validate(c.g, c.plan, c.s, 0);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(all(r).find("task 'c' runs [4, 10] on P0 but costs 5"), std::string::npos) << all(r);
}

TEST(Validator, CatchesUnplacedTaskAndBadOrder) {
  Case c;
  c.s.slots[1].proc = -1;
  c.s.order = {0, 0, 1};
  const ValidationReport r = validate(c.g, c.plan, c.s, 0);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(all(r).find("task 'b' is not placed"), std::string::npos) << all(r);
  EXPECT_NE(all(r).find("not a permutation"), std::string::npos) << all(r);
}

TEST(Validator, CatchesPrecedenceIncludingCommunication) {
  Case c;
  c.s.slots[1] = {1, 8, 11};  // data from a reaches P1 at 9
  const ValidationReport r = validate(c.g, c.plan, c.s, 0);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(all(r).find("task 'b' starts at 8 before its input from 'a' is ready at 9"), std::string::npos)
      << all(r);
  // On the same processor no communication is needed.
  Case same;
  same.s.slots[1] = {0, 9, 15};
  EXPECT_TRUE(validate(same.g, same.plan, same.s, 0).ok);
}

TEST(Validator, CatchesOverlapOnAProcessor) {
  Case c;
  c.s.slots[2] = {0, 2, 7};  // c overlaps a on P0
  const ValidationReport r = validate(c.g, c.plan, c.s, 0);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(all(r).find("overlap on P0"), std::string::npos) << all(r);
}

TEST(Validator, CatchesMemoryAboveCapacity) {
  const Case c;
  const ValidationReport r = validate(c.g, c.plan, c.s, 149);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(all(r).find("memory peaks at 150 bytes at time 4, above the capacity of 149"), std::string::npos)
      << all(r);
}

TEST(Validator, CatchesMissingTasks) {
  Case c;
  c.s.slots.pop_back();
  EXPECT_FALSE(validate(c.g, c.plan, c.s, 0).ok);
}

}  // namespace
}  // namespace cnnsched::validator_violations_test
