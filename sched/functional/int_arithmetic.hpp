#pragma once
// The integer arithmetic of functional mode, defined once: the tile kernels
// (PE side) and the untiled reference model both compute with these
// primitives, so their results can be compared bit for bit.
//
// Storage: every tensor element and weight is a two's-complement integer of
// the network's element_bytes (1 -> int8, 2 -> int16, 4 -> int32), stored
// little-endian. Other widths are refused in functional mode.
//
// conv / fc: acc = sum(x * w) over the in-bounds inputs (padding contributes
//   zero) in int64, which is exact for every supported width (for int8 it is
//   the usual int32 accumulator: no sum reaches 2^31), + (bias << shift);
//   ReLU (when fused) on acc; then requantised: round half up by an
//   arithmetic right shift of `shift` bits, saturated to the storage range.
//   shift = requant_shift(layer): (value_bits - 2) + ceil(log2(fan_in)) / 2,
//   fan_in = kernel h x w x input channels per group (conv) or the input
//   elements (fc), so outputs keep about the spread of the inputs (the
//   generated inputs and weights have value_bits bits).
// maxpool: the maximum over the in-bounds elements of the window.
// avgpool: sum / count, truncated toward zero, count = in-bounds elements only.
// add: a + b saturated to the storage range.
// ReLU on pools and add: max(0, result).
#include <cstdint>

#include <cnnsched/sched/network/layer.hpp>

namespace cnnsched {

struct IntFormat {
  int bytes = 1;
  int bits = 8;
  std::int64_t min = -128;
  std::int64_t max = 127;
  int value_bits = 8;  // generated inputs and weights use min(bits, 16) bits
};

// element_bytes 1, 2 or 4; throws std::invalid_argument otherwise.
IntFormat int_format(std::int64_t element_bytes);
bool functional_width_supported(std::int64_t element_bytes);

inline std::int64_t saturate(std::int64_t v, const IntFormat& f) {
  return v < f.min ? f.min : v > f.max ? f.max : v;
}
inline std::int64_t relu(std::int64_t v) { return v < 0 ? 0 : v; }

// floor(v / 2^shift), written without relying on >> of negative numbers.
inline std::int64_t floor_shift(std::int64_t v, int shift) {
  const std::int64_t d = std::int64_t{1} << shift;
  const std::int64_t q = v / d;
  return (v % d != 0 && v < 0) ? q - 1 : q;
}

// Round half up, then saturate: the requantisation of conv and fc.
inline std::int64_t requantize(std::int64_t acc, int shift, const IntFormat& f) {
  if (shift == 0) return saturate(acc, f);
  return saturate(floor_shift(acc + (std::int64_t{1} << (shift - 1)), shift), f);
}

// The accumulator of conv / fc after the bias: acc + (bias << shift).
inline std::int64_t add_bias(std::int64_t acc, std::int64_t bias, int shift) {
  return acc + bias * (std::int64_t{1} << shift);
}

// Average of `count` in-bounds elements summing to `sum`, truncated toward zero.
inline std::int64_t average(std::int64_t sum, std::int64_t count) { return count > 0 ? sum / count : 0; }

inline std::int64_t add_saturating(std::int64_t a, std::int64_t b, const IntFormat& f) {
  return saturate(a + b, f);
}

// The requantisation shift of a conv or fc layer (0 for the others).
int requant_shift(const Layer& layer, const IntFormat& f);

// Little-endian two's complement of f.bytes bytes.
void store_element(unsigned char* p, std::int64_t v, const IntFormat& f);
std::int64_t load_element(const unsigned char* p, const IntFormat& f);

}  // namespace cnnsched
