#pragma once
// Cutting a dimension into slices, and the index arithmetic that maps an output
// region back to the input region it reads. Slice boundaries are monotone, so
// the slices overlapping a range are found by binary search, never by scanning.
#include <cstdint>
#include <vector>

namespace cnnsched {

// A half-open index range [begin, end).
struct Range {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  std::int64_t size() const { return end > begin ? end - begin : 0; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const Range& a, const Range& b) { return a.begin == b.begin && a.end == b.end; }
};

inline Range intersect(Range a, Range b) {
  return {a.begin > b.begin ? a.begin : b.begin, a.end < b.end ? a.end : b.end};
}

// Slice counts along output rows, cols and channels.
struct Slices {
  int rows = 1;
  int cols = 1;
  int channels = 1;
  std::int64_t count() const { return std::int64_t{rows} * cols * channels; }
  friend bool operator==(const Slices& a, const Slices& b) {
    return a.rows == b.rows && a.cols == b.cols && a.channels == b.channels;
  }
};

// n items in k slices (1 <= k <= n): the first n % k slices get one extra item,
// so 28 in 3 is 10, 9, 9. Returns the k + 1 boundaries, 0 first and n last.
std::vector<std::int64_t> slice_bounds(std::int64_t n, int k);

// Slice i of the boundaries above.
inline Range slice_range(const std::vector<std::int64_t>& bounds, int i) {
  return {bounds[static_cast<std::size_t>(i)], bounds[static_cast<std::size_t>(i) + 1]};
}

// The slices [first, last) whose ranges overlap `r` (empty when r is empty).
struct SliceSpan {
  int first = 0;
  int last = 0;
};
SliceSpan slices_overlapping(const std::vector<std::int64_t>& bounds, Range r);

// Input rows (or cols) that output rows `out` of a sliding window read: kernel k,
// stride s, padding p before the input (the padding after it only changes the
// output extent), clipped to the input extent [0, n).
Range window_input_range(Range out, std::int64_t k, std::int64_t s, std::int64_t p, std::int64_t n);

}  // namespace cnnsched
