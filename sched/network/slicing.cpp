#include <algorithm>
#include <stdexcept>

#include <cnnsched/sched/network/slicing.hpp>

namespace cnnsched {

std::vector<std::int64_t> slice_bounds(std::int64_t n, int k) {
  if (k < 1 || k > n) throw std::invalid_argument("slice_bounds: need 1 <= slices <= extent");
  std::vector<std::int64_t> bounds(static_cast<std::size_t>(k) + 1, 0);
  const std::int64_t base = n / k;
  const std::int64_t extra = n % k;
  for (int i = 0; i < k; ++i)
    bounds[static_cast<std::size_t>(i) + 1] =
        bounds[static_cast<std::size_t>(i)] + base + (i < extra ? 1 : 0);
  return bounds;
}

SliceSpan slices_overlapping(const std::vector<std::int64_t>& bounds, Range r) {
  const std::int64_t n = bounds.back();
  r = intersect(r, {0, n});
  if (r.empty()) return {0, 0};
  // Slice i covers [bounds[i], bounds[i+1]): the first slice holds r.begin, the last holds r.end - 1.
  const auto first = std::upper_bound(bounds.begin(), bounds.end(), r.begin) - bounds.begin() - 1;
  const auto last = std::upper_bound(bounds.begin(), bounds.end(), r.end - 1) - bounds.begin();
  return {static_cast<int>(first), static_cast<int>(last)};
}

Range window_input_range(Range out, std::int64_t k, std::int64_t s, std::int64_t p, std::int64_t n) {
  if (out.empty()) return {0, 0};
  const Range wanted{out.begin * s - p, (out.end - 1) * s - p + k};
  return intersect(wanted, {0, n});
}

}  // namespace cnnsched
