#pragma once
// The two segment trees behind memory-aware HEFT's near-linear run time
// (sched/policies/memheft_pick.cpp): finding the highest-priority ready task that fits, and
// the memory a fallback order would need at each of its remaining steps.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

// An entry of NeedTree that is not a ready task.
constexpr Bytes kNeedTreeAbsent = std::numeric_limits<Bytes>::max();

// Min-tree over priority positions: the ready tasks' allocation needs, so the
// highest-priority task that fits is found in O(log n).
class NeedTree {
 public:
  explicit NeedTree(std::size_t n) {
    while (size_ < n) size_ *= 2;
    v_.assign(2 * size_, kNeedTreeAbsent);
  }
  void set(std::size_t pos, Bytes value) {
    std::size_t i = pos + size_;
    v_[i] = value;
    for (i /= 2; i >= 1; i /= 2) v_[i] = std::min(v_[2 * i], v_[2 * i + 1]);
  }
  Bytes min() const { return v_[1]; }
  // Leftmost position >= from with need <= limit, or -1.
  long first_fitting(std::size_t from, Bytes limit) const { return find(1, 0, size_, from, limit); }
  // The least entry at positions [lo, hi) (kNeedTreeAbsent when none).
  Bytes min_in(std::size_t lo, std::size_t hi) const {
    Bytes m = kNeedTreeAbsent;
    for (lo += size_, hi += size_; lo < hi; lo /= 2, hi /= 2) {
      if (lo & 1) m = std::min(m, v_[lo++]);
      if (hi & 1) m = std::min(m, v_[--hi]);
    }
    return m;
  }
  std::size_t size() const { return size_; }

 private:
  long find(std::size_t node, std::size_t lo, std::size_t hi, std::size_t from, Bytes limit) const {
    if (hi <= from || v_[node] > limit) return -1;
    if (hi - lo == 1) return static_cast<long>(lo);
    const std::size_t mid = lo + (hi - lo) / 2;
    const long left = find(2 * node, lo, mid, from, limit);
    return left >= 0 ? left : find(2 * node + 1, mid, hi, from, limit);
  }
  std::size_t size_ = 1;
  std::vector<Bytes> v_;
};

// Max-tree over reference positions with range add: the memory the fallback
// would need at each remaining step of the reference order.
class MaxAddTree {
 public:
  explicit MaxAddTree(const std::vector<Bytes>& init) : n_(init.size()) {
    while (size_ < n_) size_ *= 2;
    mx_.assign(2 * size_, std::numeric_limits<Bytes>::min() / 2);
    add_.assign(2 * size_, 0);
    for (std::size_t i = 0; i < n_; ++i) mx_[size_ + i] = init[i];
    for (std::size_t i = size_ - 1; i >= 1; --i) mx_[i] = std::max(mx_[2 * i], mx_[2 * i + 1]);
  }
  void add(std::size_t lo, std::size_t hi, Bytes v) {
    if (lo < hi) add(1, 0, size_, lo, hi, v);
  }
  Bytes max(std::size_t lo, std::size_t hi) const {
    return lo < hi ? max(1, 0, size_, lo, hi) : std::numeric_limits<Bytes>::min() / 2;
  }

 private:
  void add(std::size_t node, std::size_t nl, std::size_t nr, std::size_t lo, std::size_t hi, Bytes v) {
    if (hi <= nl || nr <= lo) return;
    if (lo <= nl && nr <= hi) {
      mx_[node] += v;
      add_[node] += v;
      return;
    }
    const std::size_t mid = nl + (nr - nl) / 2;
    add(2 * node, nl, mid, lo, hi, v);
    add(2 * node + 1, mid, nr, lo, hi, v);
    mx_[node] = add_[node] + std::max(mx_[2 * node], mx_[2 * node + 1]);
  }
  Bytes max(std::size_t node, std::size_t nl, std::size_t nr, std::size_t lo, std::size_t hi) const {
    if (lo <= nl && nr <= hi) return mx_[node];
    const std::size_t mid = nl + (nr - nl) / 2;
    Bytes best = std::numeric_limits<Bytes>::min() / 2;
    if (lo < mid) best = std::max(best, max(2 * node, nl, mid, lo, hi));
    if (mid < hi) best = std::max(best, max(2 * node + 1, mid, nr, lo, hi));
    return add_[node] + best;
  }
  std::size_t n_;
  std::size_t size_ = 1;
  std::vector<Bytes> mx_;  // subtree max including this node's pending add
  std::vector<Bytes> add_;
};

}  // namespace cnnsched
