#include <stdexcept>
#include <string>

#include <cnnsched/sched/functional/int_arithmetic.hpp>

namespace cnnsched {

bool functional_width_supported(std::int64_t element_bytes) {
  return element_bytes == 1 || element_bytes == 2 || element_bytes == 4;
}

IntFormat int_format(std::int64_t element_bytes) {
  if (!functional_width_supported(element_bytes))
    throw std::invalid_argument("functional mode supports element_bytes 1, 2 or 4, not " +
                                std::to_string(element_bytes));
  IntFormat f;
  f.bytes = static_cast<int>(element_bytes);
  f.bits = 8 * f.bytes;
  f.min = -(std::int64_t{1} << (f.bits - 1));
  f.max = (std::int64_t{1} << (f.bits - 1)) - 1;
  f.value_bits = f.bits < 16 ? f.bits : 16;
  return f;
}

int requant_shift(const Layer& layer, const IntFormat& f) {
  std::int64_t fan_in = 0;
  if (layer.kind == LayerKind::kConv)
    fan_in = layer.kernel.h * layer.kernel.w * (layer.in.c / layer.groups);
  else if (layer.kind == LayerKind::kFc)
    fan_in = layer.in.elements();
  else
    return 0;
  int log2_ceil = 0;
  while ((std::int64_t{1} << log2_ceil) < fan_in) ++log2_ceil;
  return (f.value_bits - 2) + log2_ceil / 2;
}

void store_element(unsigned char* p, std::int64_t v, const IntFormat& f) {
  auto u = static_cast<std::uint64_t>(v);
  for (int i = 0; i < f.bytes; ++i, u >>= 8) p[i] = static_cast<unsigned char>(u & 0xFF);
}

std::int64_t load_element(const unsigned char* p, const IntFormat& f) {
  std::uint64_t u = 0;
  for (int i = f.bytes - 1; i >= 0; --i) u = (u << 8) | p[i];
  // Sign-extend from f.bits.
  const std::uint64_t sign = std::uint64_t{1} << (f.bits - 1);
  if (f.bits < 64 && (u & sign)) u |= ~((sign << 1) - 1);
  return static_cast<std::int64_t>(u);
}

}  // namespace cnnsched
