#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include <cnnsched/sched/functional/data_generator.hpp>
#include <cnnsched/sched/functional/tile_kernels.hpp>

namespace cnnsched {

namespace {

bool covers(const TensorRegion& outer, const TensorRegion& inner) { return intersect(outer, inner) == inner; }

void check_block(const Layer& layer, const Block& b, const TensorRegion& needed) {
  if (!covers(b.region, needed) || b.values.size() != static_cast<std::size_t>(b.region.elements()))
    throw std::invalid_argument("compute_tile(" + layer.name +
                                "): an input block does not cover the region the tile reads");
}

std::int64_t weights_per_channel(const Layer& layer) {
  return layer.kind == LayerKind::kConv ? layer.kernel.h * layer.kernel.w * (layer.in.c / layer.groups)
                                        : layer.in.elements();
}

}  // namespace

namespace {

// A copy layer's element (h, w, oc) from its input blocks.
std::int64_t copied_element(const Layer& layer, const std::vector<Block>& inputs, std::int64_t h,
                            std::int64_t w, std::int64_t oc) {
  switch (layer.kind) {
    case LayerKind::kConcat: {
      std::size_t i = 0;
      std::int64_t first = 0;
      while (oc >= first + layer.input_channel_counts[i]) first += layer.input_channel_counts[i++];
      return inputs[i].at(h, w, oc - first);
    }
    case LayerKind::kSlice:
      return inputs[0].at(h, w, oc + layer.channel_range.begin);
    default:
      return inputs[0].at(h, w, layer.shuffled_channel(oc));
  }
}

}  // namespace

std::vector<std::int64_t> generate_weight_slice(const Layer& layer, int layer_index, Range oc,
                                                const IntFormat& f, std::uint64_t seed) {
  if (!layer.has_weights()) return {};
  const std::int64_t n = weights_per_channel(layer);
  std::vector<std::int64_t> w;
  w.reserve(static_cast<std::size_t>(layer.weight_elements(oc)));
  for (std::int64_t i = oc.begin * n; i < oc.end * n; ++i) w.push_back(weight_value(seed, f, layer_index, i));
  for (std::int64_t c = oc.begin; c < oc.end; ++c) w.push_back(bias_value(seed, f, layer_index, c));
  return w;
}

std::vector<std::int64_t> compute_tile(const Layer& layer, const IntFormat& f, const TensorRegion& out,
                                       const std::vector<Block>& inputs,
                                       const std::vector<std::int64_t>& weights) {
  if (inputs.size() != layer.inputs.size())
    throw std::invalid_argument("compute_tile(" + layer.name + "): expected " +
                                std::to_string(layer.inputs.size()) + " input blocks");
  for (std::size_t i = 0; i < inputs.size(); ++i)
    check_block(layer, inputs[i], needed_input_region(layer, out, i));
  if (layer.has_weights() && weights.size() != static_cast<std::size_t>(layer.weight_elements(out.channels)))
    throw std::invalid_argument("compute_tile(" + layer.name + "): the weight slice has the wrong size");

  Block y(out);
  const Block& x = inputs[0];
  const std::int64_t n = layer.has_weights() ? weights_per_channel(layer) : 0;
  const std::int64_t oc0 = out.channels.begin;
  const auto bias_of = [&](std::int64_t oc) {
    return weights[static_cast<std::size_t>(out.channels.size() * n + (oc - oc0))];
  };
  const int shift = requant_shift(layer, f);

  if (layer.kind == LayerKind::kFc) {
    // The whole input in HWC order against the channel's row of weights.
    for (std::int64_t oc = out.channels.begin; oc < out.channels.end; ++oc) {
      const std::int64_t* w = weights.data() + (oc - oc0) * n;
      std::int64_t acc = 0;
      std::int64_t i = 0;
      for (std::int64_t h = 0; h < layer.in.h; ++h)
        for (std::int64_t ww = 0; ww < layer.in.w; ++ww)
          for (std::int64_t c = 0; c < layer.in.c; ++c) acc += x.at(h, ww, c) * w[i++];
      acc = add_bias(acc, bias_of(oc), shift);
      y.values[y.index(0, 0, oc)] = activate(layer.activation, requantize(acc, shift, f), f);
    }
    return y.values;
  }

  for (std::int64_t oh = out.rows.begin; oh < out.rows.end; ++oh)
    for (std::int64_t ow = out.cols.begin; ow < out.cols.end; ++ow)
      for (std::int64_t oc = out.channels.begin; oc < out.channels.end; ++oc) {
        std::int64_t v = 0;
        if (layer.is_copy()) {
          y.values[y.index(oh, ow, oc)] =
              activate(layer.activation, copied_element(layer, inputs, oh, ow, oc), f);
          continue;
        }
        if (layer.kind == LayerKind::kAdd || layer.kind == LayerKind::kMul) {
          v = layer.kind == LayerKind::kAdd ? add_saturating(x.at(oh, ow, oc), inputs[1].at(oh, ow, oc), f)
                                            : gate_multiply(x.at(oh, ow, oc), inputs[1].at(0, 0, oc), f);
          v = activate(layer.activation, v, f);
          y.values[y.index(oh, ow, oc)] = v;
          continue;
        }
        // Window layers: the in-bounds part of the window only.
        const std::int64_t h0 = oh * layer.stride.h - layer.padding.h;
        const std::int64_t w0 = ow * layer.stride.w - layer.padding.w;
        const std::int64_t i0 = std::max<std::int64_t>(0, -h0),
                           i1 = std::min(layer.kernel.h, layer.in.h - h0);
        const std::int64_t j0 = std::max<std::int64_t>(0, -w0),
                           j1 = std::min(layer.kernel.w, layer.in.w - w0);
        if (layer.kind == LayerKind::kConv) {
          const std::int64_t icg = layer.in.c / layer.groups;
          const std::int64_t cin0 = (oc / (layer.out.c / layer.groups)) * icg;
          const std::int64_t* w = weights.data() + (oc - oc0) * n;
          std::int64_t acc = 0;
          for (std::int64_t i = i0; i < i1; ++i)
            for (std::int64_t j = j0; j < j1; ++j)
              for (std::int64_t k = 0; k < icg; ++k)
                acc += x.at(h0 + i, w0 + j, cin0 + k) * w[(i * layer.kernel.w + j) * icg + k];
          acc = add_bias(acc, bias_of(oc), shift);
          v = activate(layer.activation, requantize(acc, shift, f), f);
        } else {
          std::int64_t best = std::numeric_limits<std::int64_t>::min(), sum = 0, count = 0;
          for (std::int64_t i = i0; i < i1; ++i)
            for (std::int64_t j = j0; j < j1; ++j) {
              const std::int64_t e = x.at(h0 + i, w0 + j, oc);
              best = std::max(best, e);
              sum += e;
              ++count;
            }
          v = layer.kind == LayerKind::kMaxPool ? best : average(sum, avgpool_count(layer, h0, w0, count));
          v = activate(layer.activation, v, f);
        }
        y.values[y.index(oh, ow, oc)] = v;
      }
  return y.values;
}

}  // namespace cnnsched
