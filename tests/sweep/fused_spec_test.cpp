// configs/sweeps/fused.json is the spec fused_study writes for its defaults:
// the same points, in the same order.
#include <gtest/gtest.h>

#include <cnnsched/sim/studies/fused_study.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>

#include "support/config_path.hpp"

namespace cnnsched::fused_spec_test {
namespace {

TEST(StudySpecs, FusedStudyDefaultsAreThisSpec) {
  FusedStudyOptions o;
  o.networks = default_fused_networks(CNNSCHED_SOURCE_DIR);
  o.platform = test::config("platforms/default_ddr4.json");
  const std::vector<nlohmann::json> ours =
      expand_sweep(fused_study_spec(o, fused_study_sizes(o)), "fused_study", "/");
  const std::vector<nlohmann::json> spec = load_sweep(test::config("sweeps/fused.json"));
  ASSERT_EQ(ours.size(), 4u * 9u * 3u);
  ASSERT_EQ(spec.size(), ours.size());
  for (std::size_t i = 0; i < spec.size(); ++i) EXPECT_EQ(spec[i], ours[i]) << i;
}

}  // namespace
}  // namespace cnnsched::fused_spec_test
