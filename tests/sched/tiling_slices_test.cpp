#include <gtest/gtest.h>

#include <cnnsched/sched/network/slicing.hpp>

namespace cnnsched::tiling_slices_test {
namespace {

TEST(SliceBounds, UnevenSplitGivesTheFirstSlicesOneExtra) {
  EXPECT_EQ(slice_bounds(28, 3), (std::vector<std::int64_t>{0, 10, 19, 28}));
  EXPECT_EQ(slice_bounds(10, 4), (std::vector<std::int64_t>{0, 3, 6, 8, 10}));
  EXPECT_EQ(slice_bounds(7, 7), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(slice_bounds(5, 1), (std::vector<std::int64_t>{0, 5}));
}

TEST(SliceBounds, RejectsEmptySlices) {
  EXPECT_THROW(slice_bounds(3, 4), std::invalid_argument);
  EXPECT_THROW(slice_bounds(3, 0), std::invalid_argument);
}

TEST(SlicesOverlapping, FindsExactlyTheSlicesARangeTouches) {
  const auto b = slice_bounds(28, 3);  // [0,10) [10,19) [19,28)
  auto span = [&](std::int64_t lo, std::int64_t hi) {
    const SliceSpan s = slices_overlapping(b, {lo, hi});
    return std::make_pair(s.first, s.last);
  };
  EXPECT_EQ(span(0, 10), std::make_pair(0, 1));
  EXPECT_EQ(span(9, 11), std::make_pair(0, 2));
  EXPECT_EQ(span(10, 19), std::make_pair(1, 2));
  EXPECT_EQ(span(18, 28), std::make_pair(1, 3));
  EXPECT_EQ(span(-5, 40), std::make_pair(0, 3));  // clipped to the extent
  const SliceSpan none = slices_overlapping(b, {5, 5});
  EXPECT_EQ(none.first, none.last);
}

TEST(WindowInputRange, FollowsKernelStrideAndPadding) {
  // Output rows [r0, r1) read [r0*s - p, (r1-1)*s - p + k) clipped to [0, n).
  EXPECT_EQ(window_input_range({0, 2}, 3, 2, 1, 8), (Range{0, 4}));
  EXPECT_EQ(window_input_range({2, 4}, 3, 2, 1, 8), (Range{3, 8}));
  EXPECT_EQ(window_input_range({0, 7}, 5, 1, 0, 32), (Range{0, 11}));
  EXPECT_EQ(window_input_range({7, 14}, 2, 2, 0, 28), (Range{14, 28}));
}

}  // namespace
}  // namespace cnnsched::tiling_slices_test
