#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <stdexcept>
#include <utility>
#include <vector>

#include <cnnsched/sched/memory/address_allocator.hpp>

namespace cnnsched::address_allocator_test {
namespace {

TEST(AddressAllocator, FirstFitPlacesBlocksBackToBack) {
  AddressAllocator a(100);
  EXPECT_EQ(a.allocate(10), 0u);
  EXPECT_EQ(a.allocate(20), 10u);
  EXPECT_EQ(a.allocate(30), 30u);
  EXPECT_EQ(a.used(), 60);
  EXPECT_EQ(a.largest_free(), 40);
  EXPECT_EQ(a.address_high_water(), 60u);
}

TEST(AddressAllocator, FirstFitTakesLowestHoleThatFits) {
  AddressAllocator a(100);
  const auto x = a.allocate(10);  // [0,10)
  const auto y = a.allocate(10);  // [10,20)
  const auto z = a.allocate(30);  // [20,50)
  a.allocate(10);                 // [50,60)
  a.release(*x);
  a.release(*z);
  // Holes [0,10) and [20,50): 25 bytes skip the first, 5 bytes take it.
  EXPECT_EQ(a.allocate(25), 20u);
  EXPECT_EQ(a.allocate(5), 0u);
  EXPECT_EQ(*y, 10u);
}

// From the top: the end of the highest hole that fits, so both ends fill
// towards the middle and a freed top block merges back into it.
TEST(AddressAllocator, AllocateHighTakesTheEndOfTheHighestHoleThatFits) {
  AddressAllocator a(100);
  EXPECT_EQ(a.allocate(10), 0u);
  EXPECT_EQ(a.allocate_high(20), 80u);
  EXPECT_EQ(a.allocate_high(30), 50u);
  const auto mid = a.allocate(10);  // [10,20)
  a.release(80);                    // holes [20,50) and [80,100)
  EXPECT_EQ(a.allocate_high(25), 25u);
  EXPECT_EQ(a.allocate_high(15), 85u);
  EXPECT_FALSE(a.allocate_high(10).has_value());  // holes of 5 bytes only
  a.release(*mid);
  EXPECT_EQ(a.largest_free(), 15);  // [10,25)
}

TEST(AddressAllocator, FragmentationFailsDespiteEnoughFreeBytes) {
  AddressAllocator a(30);
  const auto p = a.allocate(10);
  a.allocate(10);
  const auto r = a.allocate(10);
  a.release(*p);
  a.release(*r);
  EXPECT_EQ(a.used(), 10);
  EXPECT_EQ(a.free_bytes(), 20);
  EXPECT_EQ(a.largest_free(), 10);
  EXPECT_FALSE(a.allocate(15).has_value());
  EXPECT_EQ(a.used(), 10);
}

TEST(AddressAllocator, ReleaseCoalescesBothNeighbours) {
  AddressAllocator a(30);
  const auto p = a.allocate(10);
  const auto q = a.allocate(10);
  const auto r = a.allocate(10);
  EXPECT_FALSE(a.allocate(1).has_value());
  a.release(*p);
  a.release(*r);
  EXPECT_EQ(a.num_free_ranges(), 2u);
  a.release(*q);  // merges with the holes on both sides
  EXPECT_EQ(a.num_free_ranges(), 1u);
  EXPECT_EQ(a.largest_free(), 30);
  EXPECT_EQ(a.allocate(30), 0u);
}

TEST(AddressAllocator, HighWaterMarksKeepMaxima) {
  AddressAllocator a(100);
  const auto p = a.allocate(40);
  const auto q = a.allocate(40);
  a.release(*p);
  a.release(*q);
  EXPECT_EQ(a.used(), 0);
  EXPECT_EQ(a.high_water(), 80);
  EXPECT_EQ(a.address_high_water(), 80u);
  a.allocate(10);
  EXPECT_EQ(a.high_water(), 80);
}

TEST(AddressAllocator, ContainsOnlyWithinOneBlock) {
  AddressAllocator a(100);
  const auto p = a.allocate(10);  // [0,10)
  const auto q = a.allocate(10);  // [10,20)
  EXPECT_TRUE(a.contains(*p, 10));
  EXPECT_TRUE(a.contains(3, 7));
  EXPECT_FALSE(a.contains(3, 8));    // runs past the block end
  EXPECT_FALSE(a.contains(5, 10));   // straddles two blocks
  EXPECT_FALSE(a.contains(20, 1));   // free
  EXPECT_FALSE(a.contains(100, 1));  // beyond capacity
  a.release(*q);
  EXPECT_FALSE(a.contains(10, 1));
  EXPECT_EQ(a.block_size(*p), 10);
  EXPECT_FALSE(a.block_size(5).has_value());
}

TEST(AddressAllocator, RejectsBadRequests) {
  AddressAllocator a(10);
  EXPECT_THROW(a.allocate(0), std::invalid_argument);
  EXPECT_THROW(a.allocate(-1), std::invalid_argument);
  EXPECT_THROW(a.release(0), std::invalid_argument);
  const auto p = a.allocate(4);
  EXPECT_THROW(a.release(*p + 1), std::invalid_argument);  // not a block start
  a.release(*p);
  EXPECT_THROW(a.release(*p), std::invalid_argument);  // double free
  EXPECT_FALSE(a.allocate(11).has_value());
  EXPECT_THROW(AddressAllocator(-1), std::invalid_argument);
}

TEST(AddressAllocator, ZeroCapacityNeverAllocates) {
  AddressAllocator a(0);
  EXPECT_EQ(a.largest_free(), 0);
  EXPECT_FALSE(a.allocate(1).has_value());
}

// A randomised run against a byte map: blocks never overlap, used() is exact,
// and every free byte is in some free range (allocation of the largest hole works).
TEST(AddressAllocator, RandomOperationsKeepInvariants) {
  const Bytes capacity = 1000;
  AddressAllocator a(capacity);
  std::vector<int> owner(capacity, -1);
  std::vector<std::pair<std::uint64_t, Bytes>> live;
  unsigned seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (int step = 0; step < 5000; ++step) {
    if (live.empty() || next() % 2 == 0) {
      const Bytes n = 1 + static_cast<Bytes>(next() % 60);
      const auto addr = a.allocate(n);
      if (!addr) {
        EXPECT_LT(a.largest_free(), n);
        continue;
      }
      for (Bytes i = 0; i < n; ++i) {
        ASSERT_EQ(owner[*addr + i], -1) << "overlap at " << *addr + i;
        owner[*addr + i] = step;
      }
      live.emplace_back(*addr, n);
    } else {
      const std::size_t k = next() % live.size();
      a.release(live[k].first);
      for (Bytes i = 0; i < live[k].second; ++i) owner[live[k].first + i] = -1;
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(k));
    }
    Bytes used = 0;
    for (const auto& [addr, n] : live) used += n;
    ASSERT_EQ(a.used(), used);
    // The largest free range equals the longest run of unowned bytes.
    Bytes run = 0, longest = 0;
    for (int o : owner) {
      run = o == -1 ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    ASSERT_EQ(a.largest_free(), longest);
  }
}

TEST(AddressAllocator, AllocateAtTakesExactlyThatRangeWhenFree) {
  AddressAllocator a(100);
  EXPECT_TRUE(a.allocate_at(40, 20));   // splits the one hole into [0,40) and [60,100)
  EXPECT_FALSE(a.allocate_at(50, 20));  // overlaps the block
  EXPECT_FALSE(a.allocate_at(30, 11));  // runs into it
  EXPECT_FALSE(a.allocate_at(90, 11));  // past the end
  EXPECT_TRUE(a.allocate_at(0, 40));
  EXPECT_EQ(a.largest_free(), 40);
  EXPECT_EQ(a.used(), 60);
  EXPECT_EQ(*a.allocate(40), 60u);  // first fit sees the carved ranges
  a.release(40);
  EXPECT_EQ(a.largest_free(), 20);
  EXPECT_THROW(a.allocate_at(0, 0), std::invalid_argument);
}

}  // namespace
}  // namespace cnnsched::address_allocator_test
