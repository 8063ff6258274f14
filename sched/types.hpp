#pragma once
// Basic quantities shared by the whole scheduling core.
#include <cstdint>

namespace cnnsched {

// Time in integer units: picoseconds for CNN graphs (so SystemC reproduces it
// exactly), whatever unit the user chose for a generic DAG.
using Time = std::int64_t;
using Bytes = std::int64_t;
using TaskId = std::int32_t;
using BufferId = std::int32_t;
using EdgeId = std::int32_t;

// Picoseconds as microseconds, the unit of the studies' tables and plots.
inline double micros(Time ps) { return static_cast<double>(ps) / 1e6; }

// A contiguous range of ids inside a CSR array, iterable with range-for.
template <typename T>
struct IdRange {
  const T* first = nullptr;
  const T* last = nullptr;
  const T* begin() const { return first; }
  const T* end() const { return last; }
  std::size_t size() const { return static_cast<std::size_t>(last - first); }
  bool empty() const { return first == last; }
};

}  // namespace cnnsched
