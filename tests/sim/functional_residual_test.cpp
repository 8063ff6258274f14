// Functional mode on a small residual block (conv pad 1, conv pad 1, add with
// the first + relu, avgpool with padding, fc): bit-exact under every policy
// and several slicings (uneven, channel slices, mixed).
#include <gtest/gtest.h>

#include "functional_test_support.hpp"

namespace cnnsched::functional_residual_test {
namespace {

const char* const kConfig = "configs/networks/tests/residual.json";

void reslice(Network& net, Slices input, Slices a1, Slices a2, Slices r, Slices p, Slices f) {
  net.set_slices("input", input);
  net.set_slices("A1", a1);
  net.set_slices("A2", a2);
  net.set_slices("R", r);
  net.set_slices("P", p);
  net.set_slices("F", f);
}

TEST(FunctionalResidual, BitExactWithTheConfigSlicing) {
  test::expect_bit_exact(test::network_config(kConfig), test::lenet_platform(false), "config slicing");
}

TEST(FunctionalResidual, BitExactWithChannelSlices) {
  Network net = test::network_config(kConfig);
  reslice(net, {1, 1, 3}, {1, 1, 4}, {1, 1, 8}, {1, 1, 3}, {1, 1, 5}, {1, 1, 10});
  test::expect_bit_exact(net, test::lenet_platform(false), "channel slices");
}

TEST(FunctionalResidual, BitExactWithUnevenRowsAndMixedSlices) {
  Network net = test::network_config(kConfig);
  reslice(net, {3, 1, 1}, {5, 1, 1}, {4, 1, 1}, {3, 3, 1}, {3, 2, 1}, {1, 1, 5});
  test::expect_bit_exact(net, test::lenet_platform(false), "uneven rows");
  reslice(net, {1, 2, 3}, {2, 3, 3}, {3, 2, 4}, {2, 2, 2}, {1, 3, 2}, {1, 1, 2});
  test::expect_bit_exact(net, test::lenet_platform(true), "mixed, contention");
}

}  // namespace
}  // namespace cnnsched::functional_residual_test
