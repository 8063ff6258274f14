#pragma once
// The untiled reference of functional mode: the network computed layer by
// layer on whole tensors with the arithmetic of sched/int_arithmetic.hpp and
// the data of sched/data_generator.hpp. It shares no tiling code with the
// tile graph or the tile kernels, so an agreement is evidence, not an echo.
#include <cstdint>
#include <vector>

#include <cnnsched/sched/functional/data_generator.hpp>
#include <cnnsched/sched/functional/int_arithmetic.hpp>
#include <cnnsched/sched/network/network.hpp>

namespace cnnsched {

// A whole tensor, H x W x C in HWC order.
struct Tensor {
  Shape shape;
  std::vector<std::int64_t> values;
  std::int64_t index(std::int64_t h, std::int64_t w, std::int64_t c) const {
    return (h * shape.w + w) * shape.c + c;
  }
  std::int64_t at(std::int64_t h, std::int64_t w, std::int64_t c) const {
    return values[static_cast<std::size_t>(index(h, w, c))];
  }
};

struct ReferenceResult {
  Tensor input;
  std::vector<Tensor> layers;  // every layer's output, in network order
};

// Throws std::invalid_argument for an element width functional mode does not support.
ReferenceResult run_reference(const Network& network, std::uint64_t seed = kDefaultDataSeed);

}  // namespace cnnsched
