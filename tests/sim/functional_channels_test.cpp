// Functional mode on the channel-operator models of tests/onnx/make_models.py
// (Inception concat, DenseNet block with BatchNormalization after its
// concats, Split + Slice + Concat, ShuffleNet-V2 units): bit-exact against
// the untiled reference under layer, heft and memheft, with spatial and
// channel slicings; the validator accepts every plan; off chip, with the
// copies' tiles spilled and reloaded, still bit-exact.
#include <gtest/gtest.h>

#include <cnnsched/sched/network/auto_slicing.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "functional_test_support.hpp"

namespace cnnsched::functional_channels_test {
namespace {

Network channel_network(const std::string& name, const std::string& slicing) {
  Network net = import_onnx(test::source_path("tests/onnx/models/" + name + ".onnx"));
  apply_auto_slicing(net, parse_auto_slicing(slicing, "test"));
  return net;
}

void expect_valid_plans(const Network& net) {
  const CnnGraph cnn = build_cnn_graph(net, test::lenet_platform(false));
  for (const PolicyPlan& plan : test::three_plans(cnn)) {
    EXPECT_TRUE(plan.report.ok) << policy_name(plan.policy) << ": "
                                << (plan.report.violations.empty() ? "" : plan.report.violations[0]);
    EXPECT_EQ(plan.report.peak_bytes, plan.profile.peak_bytes) << policy_name(plan.policy);
  }
}

// A model and a tile size small enough to cut its copies' channels (and one at
// which memheft gets below HEFT's peak).
struct ChannelCase {
  const char* model;
  const char* channel_slicing;
};

class FunctionalChannels : public testing::TestWithParam<ChannelCase> {};

TEST_P(FunctionalChannels, BitExactWithSpatialTiles) {
  const Network net = channel_network(GetParam().model, "spatial:2");
  expect_valid_plans(net);
  test::expect_bit_exact(net, test::lenet_platform(false), "spatial:2");
}

TEST_P(FunctionalChannels, BitExactWithChannelSlices) {
  // Single pixels cut into channel slices (not the shuffles').
  const Network net = channel_network(GetParam().model, GetParam().channel_slicing);
  bool channel_sliced = false;
  for (const Layer& l : net.layers) channel_sliced = channel_sliced || (l.is_copy() && l.slices.channels > 1);
  EXPECT_TRUE(channel_sliced);
  expect_valid_plans(net);
  test::expect_bit_exact(net, test::lenet_platform(true),
                         std::string(GetParam().channel_slicing) + ", contention");
}

TEST_P(FunctionalChannels, BitExactOffChip) {
  test::expect_bit_exact_offchip(channel_network(GetParam().model, GetParam().channel_slicing), false,
                                 std::string(GetParam().channel_slicing) + ", DRAM");
}

INSTANTIATE_TEST_SUITE_P(Models, FunctionalChannels,
                         testing::Values(ChannelCase{"inception", "tile-bytes:6"},
                                         ChannelCase{"dense_block", "tile-bytes:6"},
                                         ChannelCase{"split_concat", "tile-bytes:3"},
                                         ChannelCase{"shuffle_unit", "tile-bytes:6"}));

}  // namespace
}  // namespace cnnsched::functional_channels_test
