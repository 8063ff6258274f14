#pragma once
// The data of functional mode: the network input and every layer's weights
// and biases, generated from a seed so any element (hence any tile or weight
// slice) can be produced on its own, in any order, with the same value.
//
//   value(seed, stream, index) = lo + splitmix64(splitmix64(seed ^ stream * K) + index) mod (hi - lo + 1)
//
// with splitmix64 the finaliser of Steele et al.'s SplitMix64 and K = the
// 64-bit golden ratio. Streams: 0 the network input (index = its HWC
// position), 2l + 1 the weights of layer l (index in the layer's full layout
// [oc][kh][kw][ic per group], fc: [oc][h][w][c] of its input), 2l + 2 its
// biases (index = oc). Inputs and weights span value_bits bits
// (IntFormat), biases a quarter of that range.
#include <cstdint>

#include <cnnsched/sched/functional/int_arithmetic.hpp>

namespace cnnsched {

constexpr std::uint64_t kDefaultDataSeed = 20240611;

std::uint64_t splitmix64(std::uint64_t x);
// Uniform in [lo, hi].
std::int64_t generated_value(std::uint64_t seed, std::uint64_t stream, std::uint64_t index, std::int64_t lo,
                             std::int64_t hi);

std::int64_t input_value(std::uint64_t seed, const IntFormat& f, std::int64_t index);
std::int64_t weight_value(std::uint64_t seed, const IntFormat& f, int layer, std::int64_t index);
std::int64_t bias_value(std::uint64_t seed, const IntFormat& f, int layer, std::int64_t oc);

// The byte that fills freshly allocated output buffers at `address`: pseudo
// random, so unwritten data looks like neither zeros nor any constant.
unsigned char poison_byte(std::uint64_t address);

}  // namespace cnnsched
