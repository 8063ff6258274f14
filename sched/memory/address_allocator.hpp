#pragma once
// Address allocation inside the scratchpad: which byte range each live buffer
// occupies. Plain C++ so the policy is testable without SystemC.
//
// Policy: first fit -- a request takes the free range with the LOWEST address
// that is large enough, from its start (allocate_high: the highest, from its
// end). Freed ranges merge with free neighbours, so freeing adjacent blocks
// restores one large hole. Because of holes, allocate() can fail while
// used() + n <= capacity (fragmentation); address_high_water() shows how far
// into the memory blocks were placed.
//
// Cost: release(), contains() and the failure test are O(log n); the
// first-fit search walks holes in address order and stops at the first that
// fits (a size index answers "nothing fits" in O(1) before any walk).
//
// Zero-byte and negative requests are not allowed (std::invalid_argument):
// every block has a unique, non-empty address range.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

class AddressAllocator {
 public:
  // Manages [0, capacity); capacity < 0 throws std::invalid_argument.
  explicit AddressAllocator(Bytes capacity);

  // Start address of a new block of n bytes, or nullopt when no free range is
  // large enough. n <= 0 throws std::invalid_argument.
  std::optional<std::uint64_t> allocate(Bytes n);
  // The same from the top: the end of the highest free range large enough
  // (so data of two kinds can grow from both ends and not interleave).
  std::optional<std::uint64_t> allocate_high(Bytes n);
  // A block of n bytes at exactly `address` (a placement planned elsewhere);
  // false when [address, address + n) is not all free. n <= 0 throws.
  bool allocate_at(std::uint64_t address, Bytes n);
  // Frees the block starting at address; throws std::invalid_argument when no
  // block starts there.
  void release(std::uint64_t address);

  Bytes capacity() const { return capacity_; }
  Bytes used() const { return used_; }
  Bytes free_bytes() const { return capacity_ - used_; }
  Bytes high_water() const { return high_water_; }                          // max used() so far
  std::uint64_t address_high_water() const { return address_high_water_; }  // max block end so far
  Bytes largest_free() const;
  std::size_t num_blocks() const { return blocks_.size(); }
  std::size_t num_free_ranges() const { return free_.size(); }
  // Size of the block starting at address, or nullopt.
  std::optional<Bytes> block_size(std::uint64_t address) const;
  // Whether [address, address + length) lies inside ONE allocated block.
  bool contains(std::uint64_t address, std::uint64_t length) const;
  struct Block {
    std::uint64_t start;
    Bytes bytes;
  };
  // The allocated block holding address, or nullopt.
  std::optional<Block> block_holding(std::uint64_t address) const;

 private:
  void add_free(std::uint64_t start, std::uint64_t size);
  void erase_free(std::map<std::uint64_t, std::uint64_t>::iterator it);
  void carve(std::map<std::uint64_t, std::uint64_t>::iterator it, std::uint64_t start, std::uint64_t size);

  Bytes capacity_;
  Bytes used_ = 0;
  Bytes high_water_ = 0;
  std::uint64_t address_high_water_ = 0;
  std::map<std::uint64_t, std::uint64_t> free_;                // start -> size, disjoint, never adjacent
  std::set<std::pair<std::uint64_t, std::uint64_t>> by_size_;  // (size, start) of every free range
  std::map<std::uint64_t, std::uint64_t> blocks_;              // start -> size of allocated blocks
};

}  // namespace cnnsched
