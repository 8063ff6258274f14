#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

#include <cnnsched/sched/memory/address_allocator.hpp>

namespace cnnsched {

AddressAllocator::AddressAllocator(Bytes capacity) : capacity_(capacity) {
  if (capacity < 0) throw std::invalid_argument("AddressAllocator: negative capacity");
  if (capacity > 0) add_free(0, static_cast<std::uint64_t>(capacity));
}

void AddressAllocator::add_free(std::uint64_t start, std::uint64_t size) {
  free_.emplace(start, size);
  by_size_.emplace(size, start);
}

void AddressAllocator::erase_free(std::map<std::uint64_t, std::uint64_t>::iterator it) {
  by_size_.erase({it->second, it->first});
  free_.erase(it);
}

Bytes AddressAllocator::largest_free() const {
  return by_size_.empty() ? 0 : static_cast<Bytes>(by_size_.rbegin()->first);
}

std::optional<std::uint64_t> AddressAllocator::allocate(Bytes n) {
  if (n <= 0) throw std::invalid_argument("AddressAllocator: allocation of " + std::to_string(n) + " bytes");
  const auto size = static_cast<std::uint64_t>(n);
  if (largest_free() < n) return std::nullopt;
  auto it = free_.begin();
  while (it->second < size) ++it;  // terminates: some range is large enough
  const std::uint64_t start = it->first;
  carve(it, start, size);
  return start;
}

std::optional<std::uint64_t> AddressAllocator::allocate_high(Bytes n) {
  if (n <= 0) throw std::invalid_argument("AddressAllocator: allocation of " + std::to_string(n) + " bytes");
  const auto size = static_cast<std::uint64_t>(n);
  if (largest_free() < n) return std::nullopt;
  auto it = std::prev(free_.end());
  while (it->second < size) --it;  // terminates: some range is large enough
  const std::uint64_t start = it->first + it->second - size;
  carve(it, start, size);
  return start;
}

bool AddressAllocator::allocate_at(std::uint64_t address, Bytes n) {
  if (n <= 0) throw std::invalid_argument("AddressAllocator: allocation of " + std::to_string(n) + " bytes");
  const auto size = static_cast<std::uint64_t>(n);
  auto it = free_.upper_bound(address);
  if (it == free_.begin()) return false;
  --it;  // the free range starting at or before address
  if (it->first + it->second < address + size) return false;
  carve(it, address, size);
  return true;
}

// Takes [start, start + size) out of the free range `it` holds.
void AddressAllocator::carve(std::map<std::uint64_t, std::uint64_t>::iterator it, std::uint64_t start,
                             std::uint64_t size) {
  const std::uint64_t range_start = it->first;
  const std::uint64_t range_end = it->first + it->second;
  erase_free(it);
  if (start > range_start) add_free(range_start, start - range_start);
  if (range_end > start + size) add_free(start + size, range_end - start - size);
  blocks_.emplace(start, size);
  used_ += static_cast<Bytes>(size);
  high_water_ = std::max(high_water_, used_);
  address_high_water_ = std::max(address_high_water_, start + size);
}

void AddressAllocator::release(std::uint64_t address) {
  const auto block = blocks_.find(address);
  if (block == blocks_.end())
    throw std::invalid_argument("AddressAllocator: no block starts at address " + std::to_string(address));
  std::uint64_t start = block->first;
  std::uint64_t size = block->second;
  used_ -= static_cast<Bytes>(size);
  blocks_.erase(block);
  // Merge with the free neighbours on both sides.
  auto next = free_.lower_bound(start);
  if (next != free_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == start) {
      start = prev->first;
      size += prev->second;
      erase_free(prev);
    }
  }
  if (next != free_.end() && start + size == next->first) {
    size += next->second;
    erase_free(next);
  }
  add_free(start, size);
}

std::optional<Bytes> AddressAllocator::block_size(std::uint64_t address) const {
  const auto it = blocks_.find(address);
  if (it == blocks_.end()) return std::nullopt;
  return static_cast<Bytes>(it->second);
}

bool AddressAllocator::contains(std::uint64_t address, std::uint64_t length) const {
  const auto block = block_holding(address);
  return block && length <= block->start + static_cast<std::uint64_t>(block->bytes) - address;
}

std::optional<AddressAllocator::Block> AddressAllocator::block_holding(std::uint64_t address) const {
  auto it = blocks_.upper_bound(address);
  if (it == blocks_.begin()) return std::nullopt;
  --it;  // the last block starting at or before address
  if (address >= it->first + it->second) return std::nullopt;
  return Block{it->first, static_cast<Bytes>(it->second)};
}

}  // namespace cnnsched
