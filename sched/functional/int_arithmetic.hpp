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
// avgpool: sum / count, truncated toward zero, count = in-bounds elements only
//   (with count_include_pad: the window's part inside the padded input, so
//   padding counts but a ceil_mode overhang does not).
// add: a + b saturated to the storage range.
// mul: x times its channel's gate g read as fixed point with F fraction bits
//   (below; a sigmoid or hardsigmoid gate is in [0, 1 << F]):
//   floor(x * g / 2^F), saturated.
// concat, slice, shuffle: the input element copied unchanged. (A BatchNorm
//   that cannot fold is a depthwise 1 x 1 conv: acc = x * s + (b << shift).)
// Fused activations act on the layer's stored result q (after requantisation
// for conv / fc; ReLU there is the same as ReLU on acc), read as fixed point
// with F = value_bits - 4 fraction bits (int8: F = 4, 1.0 = 16; wider: F = 12),
// every division a floor, the result saturated to the storage range:
//   relu        max(0, q)
//   relu6       min(max(0, q), 6 << F)
//   hardsigmoid hs(q) = min(max(0, floor((q + (3 << F)) / 6)), 1 << F)   (x / 6 + 1 / 2)
//   hardswish   floor(q * hs(q) / 2^F)
//   sigmoid     s(q), the piecewise-linear PLAN approximation in shifts, a = |q|:
//                 a >= 5 << F: 1 << F;  a >= 2.375 << F: floor(a / 32) + floor((27 << F) / 32);
//                 a >= 1 << F: floor(a / 8) + floor((5 << F) / 8);  else floor(a / 4) + (1 << F) / 2;
//               and (1 << F) - s(|q|) for q < 0
//   silu        floor(q * s(q) / 2^F)                                   (x * sigmoid(x))
#include <algorithm>
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

// The avgpool divisor of the window whose first input row / col is (h0, w0)
// (negative inside the front padding) holding `in_bounds` input elements.
inline std::int64_t avgpool_count(const Layer& L, std::int64_t h0, std::int64_t w0, std::int64_t in_bounds) {
  if (!L.count_include_pad) return in_bounds;
  const std::int64_t h = std::min(h0 + L.kernel.h, L.in.h + L.padding_end.h) - h0;
  const std::int64_t w = std::min(w0 + L.kernel.w, L.in.w + L.padding_end.w) - w0;
  return h * w;
}

inline std::int64_t add_saturating(std::int64_t a, std::int64_t b, const IntFormat& f) {
  return saturate(a + b, f);
}

inline int activation_fraction_bits(const IntFormat& f) { return f.value_bits - 4; }

inline std::int64_t gate_multiply(std::int64_t x, std::int64_t g, const IntFormat& f) {
  return saturate(floor_shift(x * g, activation_fraction_bits(f)), f);
}

// sigmoid in F fraction bits (see above).
inline std::int64_t sigmoid_fixed(std::int64_t q, int F) {
  const std::int64_t one = std::int64_t{1} << F;
  const std::int64_t a = q < 0 ? -q : q;
  std::int64_t s = 0;
  if (a >= 5 * one)
    s = one;
  else if (a * 8 >= 19 * one)
    s = floor_shift(a, 5) + floor_shift(27 * one, 5);
  else if (a >= one)
    s = floor_shift(a, 3) + floor_shift(5 * one, 3);
  else
    s = floor_shift(a, 2) + one / 2;
  return q < 0 ? one - s : s;
}

// hardsigmoid in F fraction bits: clamp(x / 6 + 1 / 2, 0, 1).
inline std::int64_t hardsigmoid_fixed(std::int64_t q, int F) {
  const std::int64_t one = std::int64_t{1} << F;
  const std::int64_t t = q + 3 * one;
  const std::int64_t v = t < 0 ? -((-t + 5) / 6) : t / 6;  // floor division by 6
  return v < 0 ? 0 : v > one ? one : v;
}

// The fused activation on a stored result (see above).
inline std::int64_t activate(Activation a, std::int64_t q, const IntFormat& f) {
  const int F = activation_fraction_bits(f);
  switch (a) {
    case Activation::kNone:
      return q;
    case Activation::kRelu:
      return relu(q);
    case Activation::kRelu6:
      return saturate(std::min<std::int64_t>(relu(q), std::int64_t{6} << F), f);
    case Activation::kSigmoid:
      return saturate(sigmoid_fixed(q, F), f);
    case Activation::kHardSigmoid:
      return saturate(hardsigmoid_fixed(q, F), f);
    case Activation::kHardSwish:
      return saturate(floor_shift(q * hardsigmoid_fixed(q, F), F), f);
    case Activation::kSilu:
      return saturate(floor_shift(q * sigmoid_fixed(q, F), F), f);
  }
  return q;
}

// The requantisation shift of a conv or fc layer (0 for the others).
int requant_shift(const Layer& layer, const IntFormat& f);

// Little-endian two's complement of f.bytes bytes.
void store_element(unsigned char* p, std::int64_t v, const IntFormat& f);
std::int64_t load_element(const unsigned char* p, const IntFormat& f);

}  // namespace cnnsched
