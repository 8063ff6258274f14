// Points: the content hash, platform overrides, parsing errors and the Pareto front.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/sweep/point.hpp>
#include <cnnsched/sim/sweep/point_hash.hpp>
#include <cnnsched/sim/sweep/sweep_pareto.hpp>

namespace cnnsched::point_test {
namespace {

using nlohmann::json;

TEST(PointHash, IsFnv1aOfTheCanonicalText) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);   // the FNV-1a offset basis
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);  // published FNV-1a test vector
  const json a = json::parse(R"({"network": "n.json", "capacity": 10, "platform": "p.json"})");
  const json b = json::parse(R"({"platform":"p.json","capacity":10,"network":"n.json"})");
  EXPECT_EQ(point_hash(a), point_hash(b));  // key order and spacing do not matter
  EXPECT_EQ(point_hash(a).size(), 16u);
  json c = a;
  c["capacity"] = 11;
  EXPECT_NE(point_hash(a), point_hash(c));
}

TEST(PointOverrides, SetNestedFieldsAndArrayElements) {
  json plat = json::parse(R"({"pes": [{"count": 4}], "scratchpad": {"bytes": 100}})");
  apply_override(plat, "scratchpad.bytes", 200, "p");
  apply_override(plat, "pes[0].count", 2, "p");
  apply_override(plat, "dram.preset", "ddr4-3200", "p");
  EXPECT_EQ(plat["scratchpad"]["bytes"], 200);
  EXPECT_EQ(plat["pes"][0]["count"], 2);
  EXPECT_EQ(plat["dram"]["preset"], "ddr4-3200");
}

std::string override_error(const std::string& path) {
  json plat = json::parse(R"({"pes": [{"count": 4}], "scratchpad": {"bytes": 100}})");
  try {
    apply_override(plat, path, 1, "point.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(PointOverrides, BadPathsNameTheOverride) {
  EXPECT_NE(override_error("pes[3].count").find("index [3] does not exist"), std::string::npos);
  EXPECT_NE(override_error("pes[3].count").find("overrides.pes[3].count"), std::string::npos);
  EXPECT_NE(override_error("scratchpad..bytes").find("not a platform field path"), std::string::npos);
  EXPECT_NE(override_error("pes[x]").find("not a platform field path"), std::string::npos);
  EXPECT_NE(override_error("scratchpad.bytes.low").find("non-object"), std::string::npos);
}

std::string point_error(const std::string& text) {
  try {
    parse_point(json::parse(text), "p.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(PointParse, RefusesUnknownFieldsAndBadValues) {
  EXPECT_NE(point_error(R"({"platform": "p"})").find("network"), std::string::npos);
  EXPECT_NE(point_error(R"({"network": "n", "platform": "p", "polcy": "heft"})").find("polcy"),
            std::string::npos);
  EXPECT_NE(point_error(R"({"network": "n", "platform": "p", "capacity": -1})").find("capacity"),
            std::string::npos);
  EXPECT_NE(point_error(R"({"network": "n", "platform": "p", "policy": "x"})").find("allowed"),
            std::string::npos);
  const SweepPoint p =
      parse_point(json::parse(R"({"network": "n", "platform": "p", "contention": false})"), "p");
  EXPECT_EQ(p.policy, Policy::MemHeft);
  ASSERT_TRUE(p.contention.has_value());
  EXPECT_FALSE(*p.contention);
}

TEST(Pareto, KeepsOnlyUndominatedPoints) {
  std::vector<ParetoPoint> pts = {
      {"a", 100, 50}, {"b", 200, 40}, {"c", 150, 60}, {"d", 300, 40}, {"e", 100, 50}};
  mark_pareto_front(pts);
  EXPECT_TRUE(pts[0].on_front);
  EXPECT_TRUE(pts[1].on_front);
  EXPECT_FALSE(pts[2].on_front);  // more memory and slower than a
  EXPECT_FALSE(pts[3].on_front);  // more memory than b, same makespan
  EXPECT_TRUE(pts[4].on_front);   // ties a
}

}  // namespace
}  // namespace cnnsched::point_test
