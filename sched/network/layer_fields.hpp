#pragma once
// One layer's kind-specific fields of a network config (window, padding,
// stride, channels, inputs' shapes): read, checked and turned into the layer's
// geometry and output shape. network.cpp reads the fields every layer has.
#include <cstdint>

#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/network/network.hpp>

namespace cnnsched {

// Largest extent of any dimension (rows, columns, channels, kernel, ...):
// keeps every product of sizes far from int64 overflow.
inline constexpr std::int64_t kMaxExtent = std::int64_t{1} << 24;

// Throws naming "inputs" unless the layer has as many inputs as its kind takes.
void check_input_count(const Layer& layer, const JsonFields& f);

// Reads the fields of layer.kind and sets the geometry and layer.out; layer.in
// (the first input's shape) and layer.inputs are set, `net` holds the layers before it.
void read_layer_fields(Layer& layer, const JsonFields& f, const Network& net);

}  // namespace cnnsched
