// Functional mode with every fused activation (relu6, silu, hardswish,
// sigmoid, hardsigmoid, relu): bit-exact against the untiled reference under
// every policy, and the integer definitions at hand-checked points.
#include <gtest/gtest.h>

#include <cnnsched/sched/functional/int_arithmetic.hpp>

#include "functional_test_support.hpp"

namespace cnnsched::functional_activation_test {
namespace {

TEST(FunctionalActivation, BitExactWithEveryActivation) {
  const Network net = test::network_config("configs/networks/tests/activations.json");
  ASSERT_EQ(net.layers[1].activation, Activation::kSilu);
  test::expect_bit_exact(net, test::lenet_platform(false), "config slicing");
  Network rows = net;
  rows.set_slices("C1", {5, 1, 1});
  rows.set_slices("C2", {1, 4, 8});
  test::expect_bit_exact(rows, test::lenet_platform(true), "other slices, contention");
}

TEST(FunctionalActivation, IntegerDefinitionsAtKnownPoints) {
  const IntFormat f = int_format(1);  // F = 4: 1.0 is 16
  EXPECT_EQ(activate(Activation::kRelu6, 120, f), 96);
  EXPECT_EQ(activate(Activation::kRelu6, -3, f), 0);
  EXPECT_EQ(activate(Activation::kSigmoid, 0, f), 8);                // 0.5
  EXPECT_EQ(activate(Activation::kSigmoid, 100, f), 16);             // >= 5: 1
  EXPECT_EQ(activate(Activation::kSigmoid, -16, f), 16 - (2 + 10));  // 1 - (1/8 + 5/8)
  EXPECT_EQ(activate(Activation::kHardSigmoid, 0, f), 8);
  EXPECT_EQ(activate(Activation::kHardSigmoid, -48, f), 0);  // -3
  EXPECT_EQ(activate(Activation::kHardSigmoid, 48, f), 16);  // +3
  EXPECT_EQ(activate(Activation::kHardSwish, 16, f), 10);    // 1 * floor(64 / 6) / 16
  EXPECT_EQ(activate(Activation::kHardSwish, -64, f), 0);
  EXPECT_EQ(activate(Activation::kSilu, 32, f), 28);   // 2 * (2/8 + 10/16): 32 * 14 / 16
  EXPECT_EQ(activate(Activation::kSilu, -32, f), -4);  // -2 * (16 - 14) / 16
  EXPECT_EQ(activate(Activation::kNone, -7, f), -7);
}

}  // namespace
}  // namespace cnnsched::functional_activation_test
