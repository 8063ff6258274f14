#include <cnnsched/sched/functional/data_generator.hpp>

namespace cnnsched {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::int64_t generated_value(std::uint64_t seed, std::uint64_t stream, std::uint64_t index, std::int64_t lo,
                             std::int64_t hi) {
  const std::uint64_t x = splitmix64(splitmix64(seed ^ (stream * 0x9E3779B97F4A7C15ULL)) + index);
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(x % span);
}

namespace {
std::int64_t half_range(const IntFormat& f) { return std::int64_t{1} << (f.value_bits - 1); }
}  // namespace

std::int64_t input_value(std::uint64_t seed, const IntFormat& f, std::int64_t index) {
  const std::int64_t h = half_range(f);
  return generated_value(seed, 0, static_cast<std::uint64_t>(index), -h, h - 1);
}

std::int64_t weight_value(std::uint64_t seed, const IntFormat& f, int layer, std::int64_t index) {
  const std::int64_t h = half_range(f);
  return generated_value(seed, 2 * static_cast<std::uint64_t>(layer) + 1, static_cast<std::uint64_t>(index),
                         -h, h - 1);
}

std::int64_t bias_value(std::uint64_t seed, const IntFormat& f, int layer, std::int64_t oc) {
  const std::int64_t q = half_range(f) / 4;
  return generated_value(seed, 2 * static_cast<std::uint64_t>(layer) + 2, static_cast<std::uint64_t>(oc), -q,
                         q - 1);
}

unsigned char poison_byte(std::uint64_t address) {
  return static_cast<unsigned char>(splitmix64(address ^ 0xDEADBEEFCAFEF00DULL) >> 56);
}

}  // namespace cnnsched
