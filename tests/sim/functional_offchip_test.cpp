// Functional mode with off-chip DRAM: network input and weights start in
// DRAM, tiles spill and come back through the simulated DMA, and the outputs
// read back from DRAM match the untiled reference bit for bit.
#include <gtest/gtest.h>

#include "functional_test_support.hpp"

namespace cnnsched::functional_offchip_test {
namespace {

TEST(FunctionalOffchip, LeNet5BitExactWithSpills) {
  test::expect_bit_exact_offchip(test::network_config("configs/networks/lenet5.json"), false, "lenet5", 1.5);
}

TEST(FunctionalOffchip, ResidualBitExactWithSpillsUnderContention) {
  test::expect_bit_exact_offchip(test::network_config("configs/networks/tests/residual.json"), true,
                                 "residual", 1.5);
}

TEST(FunctionalOffchip, DepthwiseBitExactWithSpills) {
  test::expect_bit_exact_offchip(test::network_config("configs/networks/tests/depthwise.json"), false,
                                 "depthwise", 1.25);
}

TEST(FunctionalOffchip, VggStackBitExactWithSpills) {
  test::expect_bit_exact_offchip(test::network_config("configs/networks/tests/vgg_stack.json"), false,
                                 "vgg stack", 1.5);
}

}  // namespace
}  // namespace cnnsched::functional_offchip_test
