// Functional mode on a depthwise-separable block (conv, depthwise 3x3 stride 2
// pad 1, pointwise 1x1, grouped conv, maxpool with padding): bit-exact under
// every policy and several slicings.
#include <gtest/gtest.h>

#include "functional_test_support.hpp"

namespace cnnsched::functional_depthwise_test {
namespace {

const char* const kConfig = "configs/networks/tests/depthwise.json";

void reslice(Network& net, Slices input, Slices d1, Slices dw, Slices pw, Slices g, Slices m) {
  net.set_slices("input", input);
  net.set_slices("D1", d1);
  net.set_slices("DW", dw);
  net.set_slices("PW", pw);
  net.set_slices("G", g);
  net.set_slices("M", m);
}

TEST(FunctionalDepthwise, BitExactWithTheConfigSlicing) {
  test::expect_bit_exact(test::network_config(kConfig), test::lenet_platform(false), "config slicing");
}

TEST(FunctionalDepthwise, BitExactWithChannelSlices) {
  Network net = test::network_config(kConfig);
  reslice(net, {1, 1, 3}, {1, 1, 8}, {1, 1, 8}, {1, 1, 16}, {1, 1, 4}, {1, 1, 8});
  test::expect_bit_exact(net, test::lenet_platform(false), "channel slices");
}

TEST(FunctionalDepthwise, BitExactWithRowAndColumnSlices) {
  Network net = test::network_config(kConfig);
  reslice(net, {2, 2, 1}, {4, 1, 1}, {7, 1, 1}, {3, 1, 1}, {5, 1, 1}, {4, 1, 1});
  test::expect_bit_exact(net, test::lenet_platform(false), "row strips");
  reslice(net, {1, 3, 1}, {1, 5, 3}, {2, 4, 2}, {1, 3, 5}, {3, 3, 1}, {1, 4, 2});
  test::expect_bit_exact(net, test::lenet_platform(true), "column strips, contention");
}

}  // namespace
}  // namespace cnnsched::functional_depthwise_test
