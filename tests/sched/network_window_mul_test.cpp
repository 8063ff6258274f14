// Network config: padding per side, ceil_mode and count_include_pad pooling,
// and the mul layer (a tensor times a 1 x 1 x C gate), with their refusals.
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/functional/int_arithmetic.hpp>
#include <cnnsched/sched/network/network.hpp>

#include "support/input_error.hpp"

namespace cnnsched::network_window_mul_test {
namespace {

using nlohmann::json;

json window_mul_net(json layers) {
  return {{"name", "t"}, {"input", {{"shape", {14, 14, 4}}}}, {"layers", layers}};
}

std::string window_mul_error(const json& cfg) {
  return test::input_error_message([&] { parse_network(cfg, "net.json"); });
}

TEST(NetworkWindowMul, PaddingPerSide) {
  const Network net = parse_network(window_mul_net({{{"name", "c"},
                                                     {"kind", "conv"},
                                                     {"kernel", 3},
                                                     {"out_channels", 2},
                                                     {"stride", 2},
                                                     {"padding", {0, 1, 1, 0}}}}),
                                    "net.json");
  const Layer& c = net.layers[0];
  EXPECT_EQ(c.padding.h, 0);
  EXPECT_EQ(c.padding.w, 1);
  EXPECT_EQ(c.padding_end.h, 1);
  EXPECT_EQ(c.padding_end.w, 0);
  EXPECT_EQ(c.out, (Shape{7, 7, 2}));  // (14 + 1 - 3) / 2 + 1 both ways
  const std::string msg = window_mul_error(window_mul_net(
      {{{"name", "c"}, {"kind", "conv"}, {"kernel", 3}, {"out_channels", 2}, {"padding", {0, 0, 3, 0}}}}));
  EXPECT_NE(msg.find("padding height = 3 must be smaller than the kernel height = 3"), std::string::npos)
      << msg;
  const std::string three = window_mul_error(window_mul_net(
      {{{"name", "c"}, {"kind", "conv"}, {"kernel", 3}, {"out_channels", 2}, {"padding", {0, 0, 1}}}}));
  EXPECT_NE(three.find("or [top, left, bottom, right], got 3 values"), std::string::npos) << three;
}

TEST(NetworkWindowMul, CeilModeAndCountIncludePad) {
  const Network net = parse_network(
      window_mul_net({{{"name", "p"}, {"kind", "maxpool"}, {"window", 3}, {"stride", 2}, {"ceil_mode", true}},
                      {{"name", "a"},
                       {"kind", "avgpool"},
                       {"window", 3},
                       {"stride", 2},
                       {"padding", 1},
                       {"ceil_mode", true},
                       {"count_include_pad", true}}}),
      "net.json");
  EXPECT_EQ(net.layers[0].out, (Shape{7, 7, 4}));  // floor would give 6
  // 7 + 2 - 3 = 6: 6 / 2 + 1 = 4, the same with ceil.
  EXPECT_EQ(net.layers[1].out, (Shape{4, 4, 4}));
  // Window at row 5 (output 3): rows 5, 6 in the input, 7 is padding, so 3 rows
  // counted; the first (row -1 .. 1): 3 rows including the padding row.
  EXPECT_EQ(avgpool_count(net.layers[1], 5, -1, 6), 9);
  Layer uncounted = net.layers[1];
  uncounted.count_include_pad = false;
  EXPECT_EQ(avgpool_count(uncounted, 5, -1, 4), 4);
  const std::string msg = window_mul_error(
      window_mul_net({{{"name", "p"}, {"kind", "maxpool"}, {"window", 2}, {"count_include_pad", true}}}));
  EXPECT_NE(msg.find("count_include_pad"), std::string::npos) << msg;
}

TEST(NetworkWindowMul, MulNeedsAOneByOneGateOfTheChannels) {
  const json gap = {{"name", "gap"}, {"kind", "avgpool"}, {"window", 14}, {"inputs", "input"}};
  const Network net = parse_network(
      window_mul_net({gap, {{"name", "m"}, {"kind", "mul"}, {"inputs", {"input", "gap"}}}}), "net.json");
  EXPECT_EQ(net.layers[1].kind, LayerKind::kMul);
  EXPECT_EQ(net.layers[1].out, (Shape{14, 14, 4}));
  EXPECT_EQ(net.layers[1].macs_per_output(), 1);
  const std::string msg =
      window_mul_error(window_mul_net({gap, {{"name", "m"}, {"kind", "mul"}, {"inputs", {"gap", "input"}}}}));
  EXPECT_NE(msg.find("mul needs a tensor and a 1x1x4 gate"), std::string::npos) << msg;
  const std::string one = window_mul_error(window_mul_net({{{"name", "m"}, {"kind", "mul"}}}));
  EXPECT_NE(one.find("mul takes exactly 2 inputs"), std::string::npos) << one;
}

}  // namespace
}  // namespace cnnsched::network_window_mul_test
