// Sweep spec expansion: lists, ranges, log ranges, zipped axes, their order,
// overrides, path resolution, de-duplication and the errors for bad specs.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>

namespace cnnsched::sweep_spec_test {
namespace {

using nlohmann::json;

json spec_with(const json& axes) {
  return {{"base", {{"network", "net.json"}, {"platform", "/abs/plat.json"}}}, {"axes", axes}};
}

std::vector<json> expand(const json& axes) { return expand_sweep(spec_with(axes), "spec.json", "/base"); }

std::string error_of(const json& axes) {
  try {
    expand(axes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SweepSpec, CartesianProductFirstAxisSlowest) {
  const auto points = expand(json::array({{{"field", "policy"}, {"values", {"heft", "memheft"}}},
                                          {{"field", "capacity"}, {"values", {1000, 2000, 3000}}}}));
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0]["policy"], "heft");
  EXPECT_EQ(points[0]["capacity"], 1000);
  EXPECT_EQ(points[2]["capacity"], 3000);
  EXPECT_EQ(points[3]["policy"], "memheft");
  EXPECT_EQ(points[3]["capacity"], 1000);
}

TEST(SweepSpec, RelativePathsAreTakenFromTheSpecFolder) {
  const auto points = expand(json::array());
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0]["network"], "/base/net.json");
  EXPECT_EQ(points[0]["platform"], "/abs/plat.json");
}

TEST(SweepSpec, IntegerRangeIncludesItsEnd) {
  const auto points =
      expand(json::array({{{"field", "capacity"}, {"range", {{"from", 100}, {"to", 400}, {"step", 150}}}}}));
  ASSERT_EQ(points.size(), 3u);
  EXPECT_TRUE(points[2]["capacity"].is_number_integer());
  EXPECT_EQ(points[0]["capacity"], 100);
  EXPECT_EQ(points[1]["capacity"], 250);
  EXPECT_EQ(points[2]["capacity"], 400);
}

TEST(SweepSpec, LogRangeMultipliesAndOverridesNestPlatformPaths) {
  const auto points = expand(json::array({{{"field", "overrides.scratchpad.bytes"},
                                           {"log_range", {{"from", 1024}, {"to", 8192}, {"factor", 2}}}}}));
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0]["overrides"]["scratchpad.bytes"], 1024);
  EXPECT_EQ(points[3]["overrides"]["scratchpad.bytes"], 8192);
}

TEST(SweepSpec, ZippedAxesStepTogether) {
  const json zip = {{"zip", json::array({{{"field", "overrides.pes[0].count"}, {"values", {1, 2, 4}}},
                                         {{"field", "auto_slicing"},
                                          {"values", {"spatial:1", "spatial:2", "spatial:4"}}}})}};
  const auto points = expand(json::array({zip, {{"field", "policy"}, {"values", {"heft", "layer"}}}}));
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[2]["overrides"]["pes[0].count"], 2);
  EXPECT_EQ(points[2]["auto_slicing"], "spatial:2");
  EXPECT_EQ(points[5]["overrides"]["pes[0].count"], 4);
  EXPECT_EQ(points[5]["auto_slicing"], "spatial:4");
}

TEST(SweepSpec, IdenticalPointsAreListedOnce) {
  const auto points = expand(json::array({{{"field", "policy"}, {"values", {"heft", "heft", "layer"}}}}));
  EXPECT_EQ(points.size(), 2u);
}

TEST(SweepSpec, BadSpecsNameTheFieldAndWhatIsAllowed) {
  EXPECT_NE(error_of(json::array({{{"field", "policy"}, {"values", {"fastest"}}}})).find("allowed"),
            std::string::npos);
  EXPECT_NE(error_of(json::array({{{"field", "capacity"}, {"range", {{"from", 5}, {"to", 1}, {"step", 1}}}}}))
                .find("axes[0].range.to"),
            std::string::npos);
  EXPECT_NE(
      error_of(json::array({{{"field", "capacity"}, {"log_range", {{"from", 1}, {"to", 8}, {"factor", 1}}}}}))
          .find("factor"),
      std::string::npos);
  EXPECT_NE(error_of(json::array({{{"field", "capacity"}, {"values", {1}}, {"range", json::object()}}}))
                .find("exactly one of values, range, log_range"),
            std::string::npos);
  const json uneven = {{"zip", json::array({{{"field", "capacity"}, {"values", {1, 2}}},
                                            {{"field", "policy"}, {"values", {"heft"}}}})}};
  EXPECT_NE(error_of(json::array({uneven})).find("equal lengths"), std::string::npos);
  EXPECT_NE(error_of(json::array({{{"field", "colour"}, {"values", {1}}}})).find("colour"),
            std::string::npos);
  EXPECT_NE(
      error_of(json::array({{{"field", "capacity"}, {"range", {{"from", 0}, {"to", 1e12}, {"step", 1}}}}}))
          .find("more than"),
      std::string::npos);
}

}  // namespace
}  // namespace cnnsched::sweep_spec_test
