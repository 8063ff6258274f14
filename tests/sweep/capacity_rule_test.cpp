// Capacity rules of a point ("smallest", "within:PCT", "step:I/N"): parsing,
// the messages for bad values, and what they resolve to on LeNet-5's C1-S2-C3.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/sweep/capacity_rule.hpp>
#include <cnnsched/sim/sweep/point.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>

#include "support/config_path.hpp"

namespace cnnsched::capacity_rule_test {
namespace {

using nlohmann::json;

CapacityRule rule(const json& value) { return parse_capacity_rule(value, "p.json"); }

std::string rule_error(const json& value) {
  try {
    rule(value);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(CapacityRule, ParsesBytesAndRules) {
  EXPECT_EQ(rule(4000).kind, CapacityRule::Kind::Bytes);
  EXPECT_EQ(rule(4000).bytes, 4000);
  EXPECT_EQ(rule(0).bytes, 0);
  EXPECT_EQ(rule("smallest").kind, CapacityRule::Kind::Smallest);
  const CapacityRule within = rule("within:2.5");
  EXPECT_EQ(within.kind, CapacityRule::Kind::Within);
  EXPECT_DOUBLE_EQ(within.within_pct, 2.5);
  EXPECT_DOUBLE_EQ(rule("within:0").within_pct, 0);
  const CapacityRule step = rule("step:3/8");
  EXPECT_EQ(step.kind, CapacityRule::Kind::Step);
  EXPECT_EQ(step.step, 3);
  EXPECT_EQ(step.steps, 8);
  EXPECT_EQ(rule("step:0/2").step, 0);
  EXPECT_EQ(rule("step:999/1000").step, 999);
}

TEST(CapacityRule, BadValuesNameTheFileTheFieldAndWhatIsAllowed) {
  for (const json& bad : {json(-1), json(4000.5), json(true), json("largest"), json("within:"),
                          json("within:-1"), json("within:ten"), json("within:1.2.3"), json("within:.5"),
                          json("step:8/8"), json("step:1/1"), json("step:3"), json("step:a/b"),
                          json("step:-1/8"), json("step:1/1001"), json("Smallest"), json(" smallest")}) {
    SCOPED_TRACE(bad.dump());
    const std::string e = rule_error(bad);
    EXPECT_EQ(e.rfind("p.json: field 'capacity': ", 0), 0u) << e;
    EXPECT_NE(e.find("allowed: a number of bytes >= 0, \"smallest\", \"within:PCT\""), std::string::npos)
        << e;
  }
  EXPECT_NE(rule_error("step:8/8").find("I must be in 0..7"), std::string::npos);
  EXPECT_NE(rule_error("step:1/1").find("N must be in 2..1000"), std::string::npos);
}

TEST(CapacityRule, APointTakesARuleAndRefusesABadOne) {
  const SweepPoint p =
      parse_point(json::parse(R"({"network": "n", "platform": "p", "capacity": "step:1/4"})"), "p.json");
  EXPECT_EQ(p.capacity.kind, CapacityRule::Kind::Step);
  try {
    parse_point(json::parse(R"({"network": "n", "platform": "p", "capacity": "step:4/4"})"), "p.json");
    FAIL() << "step:4/4 accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "capacity");
    EXPECT_EQ(e.source(), "p.json");
  }
}

TEST(CapacityRule, WritesRulesBriefly) {
  EXPECT_EQ(within_rule(10.0), "within:10");
  EXPECT_EQ(within_rule(2.5), "within:2.5");
  EXPECT_EQ(within_rule(0.1), "within:0.1");
  EXPECT_DOUBLE_EQ(rule(within_rule(0.1)).within_pct, 0.1);
  EXPECT_EQ(step_rule(3, 8), "step:3/8");
}

CnnGraph lenet() {
  return build_cnn_graph(load_network(test::config("networks/lenet5_c1s2c3.json")),
                         load_platform(test::config("platforms/default.json")));
}

TEST(CapacityRule, ResolvesOnTheGraph) {
  const CnnGraph cnn = lenet();
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  const Bytes peak = plan_policy(cnn, Policy::MemHeft, 0).report.peak_bytes;
  ASSERT_LT(smallest, peak);
  EXPECT_EQ(resolve_capacity(rule(1234), cnn), 1234);
  EXPECT_EQ(resolve_capacity(rule("smallest"), cnn), smallest);
  EXPECT_EQ(resolve_capacity(rule("step:0/8"), cnn), smallest);
  EXPECT_EQ(resolve_capacity(rule("step:7/8"), cnn), peak);
  EXPECT_EQ(resolve_capacity(rule("step:3/8"), cnn), smallest + (peak - smallest) * 3 / 7);
  // Any cost allowed: the smallest capacity already qualifies.
  EXPECT_EQ(resolve_capacity(rule("within:1000"), cnn), smallest);
  // within:PCT is the first of 49 grid capacities whose memheft plan is within the bound.
  const Time layer = plan_policy(cnn, Policy::LayerByLayer).report.makespan;
  for (double pct : {0.0, 10.0}) {
    SCOPED_TRACE(pct);
    const Bytes cap = resolve_capacity(rule(within_rule(pct)), cnn);
    const Time bound = static_cast<Time>(static_cast<double>(layer) * (1 + pct / 100));
    ASSERT_GE(cap, smallest);
    ASSERT_LE(cap, peak);
    const auto at = try_schedule_memheft(cnn.graph, cnn.buffers, cap);
    if (cap < peak) {
      ASSERT_TRUE(at.has_value());
      EXPECT_LE(at->makespan(), bound);
    }
    for (int i = 0; i <= 48; ++i) {
      const Bytes below = smallest + (peak - smallest) * i / 48;
      if (below >= cap) break;
      const auto s = try_schedule_memheft(cnn.graph, cnn.buffers, below);
      EXPECT_TRUE(!s || s->makespan() > bound) << below;
    }
  }
}

TEST(CapacityRule, RunPointPlansWithTheResolvedCapacity) {
  const CnnGraph cnn = lenet();
  const json point = {{"network", test::config("networks/lenet5_c1s2c3.json")},
                      {"platform", test::config("platforms/default.json")},
                      {"capacity", "smallest"},
                      {"contention", false}};
  const json r = run_point(point, "p.json", true);
  ASSERT_EQ(r.at("status"), "ok");
  EXPECT_EQ(r.at("point").at("capacity"), "smallest");  // the point as written
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  EXPECT_EQ(r.at("metrics").at("capacity_bytes").get<Bytes>(), smallest);
  EXPECT_LE(r.at("metrics").at("planned_peak").get<Bytes>(), smallest);
  // heft takes no capacity: a rule resolves to none.
  json heft = point;
  heft["policy"] = "heft";
  EXPECT_EQ(run_point(heft, "p.json", true).at("metrics").at("capacity_bytes").get<Bytes>(), 0);
}

}  // namespace
}  // namespace cnnsched::capacity_rule_test
