#include <algorithm>
#include <limits>

#include <cnnsched/sched/functional/reference_model.hpp>

namespace cnnsched {

namespace {

Tensor zeros(const Shape& s) {
  return {s, std::vector<std::int64_t>(static_cast<std::size_t>(s.elements()), 0)};
}

bool inside(std::int64_t i, std::int64_t n) { return i >= 0 && i < n; }

Tensor conv(const Layer& L, int l, const Tensor& x, const IntFormat& f, std::uint64_t seed) {
  Tensor y = zeros(L.out);
  const std::int64_t icg = L.in.c / L.groups;
  const std::int64_t ocg = L.out.c / L.groups;
  const int shift = requant_shift(L, f);
  for (std::int64_t oc = 0; oc < L.out.c; ++oc) {
    const std::int64_t group = oc / ocg;
    for (std::int64_t oh = 0; oh < L.out.h; ++oh)
      for (std::int64_t ow = 0; ow < L.out.w; ++ow) {
        std::int64_t acc = 0;
        for (std::int64_t i = 0; i < L.kernel.h; ++i)
          for (std::int64_t j = 0; j < L.kernel.w; ++j) {
            const std::int64_t ih = oh * L.stride.h - L.padding.h + i;
            const std::int64_t iw = ow * L.stride.w - L.padding.w + j;
            if (!inside(ih, L.in.h) || !inside(iw, L.in.w)) continue;
            for (std::int64_t k = 0; k < icg; ++k) {
              const std::int64_t w =
                  weight_value(seed, f, l, ((oc * L.kernel.h + i) * L.kernel.w + j) * icg + k);
              acc += x.at(ih, iw, group * icg + k) * w;
            }
          }
        acc = add_bias(acc, bias_value(seed, f, l, oc), shift);
        y.values[static_cast<std::size_t>(y.index(oh, ow, oc))] =
            activate(L.activation, requantize(acc, shift, f), f);
      }
  }
  return y;
}

Tensor fc(const Layer& L, int l, const Tensor& x, const IntFormat& f, std::uint64_t seed) {
  Tensor y = zeros(L.out);
  const int shift = requant_shift(L, f);
  const std::int64_t n = x.shape.elements();
  for (std::int64_t oc = 0; oc < L.out.c; ++oc) {
    std::int64_t acc = 0;
    for (std::int64_t i = 0; i < n; ++i)
      acc += x.values[static_cast<std::size_t>(i)] * weight_value(seed, f, l, oc * n + i);
    acc = add_bias(acc, bias_value(seed, f, l, oc), shift);
    y.values[static_cast<std::size_t>(oc)] = activate(L.activation, requantize(acc, shift, f), f);
  }
  return y;
}

Tensor pool(const Layer& L, const Tensor& x, const IntFormat& f) {
  Tensor y = zeros(L.out);
  const bool max = L.kind == LayerKind::kMaxPool;
  for (std::int64_t oh = 0; oh < L.out.h; ++oh)
    for (std::int64_t ow = 0; ow < L.out.w; ++ow)
      for (std::int64_t c = 0; c < L.out.c; ++c) {
        std::int64_t best = std::numeric_limits<std::int64_t>::min();
        std::int64_t sum = 0;
        std::int64_t count = 0;
        for (std::int64_t i = 0; i < L.kernel.h; ++i)
          for (std::int64_t j = 0; j < L.kernel.w; ++j) {
            const std::int64_t ih = oh * L.stride.h - L.padding.h + i;
            const std::int64_t iw = ow * L.stride.w - L.padding.w + j;
            if (!inside(ih, L.in.h) || !inside(iw, L.in.w)) continue;
            const std::int64_t v = x.at(ih, iw, c);
            best = std::max(best, v);
            sum += v;
            ++count;
          }
        const std::int64_t h0 = oh * L.stride.h - L.padding.h, w0 = ow * L.stride.w - L.padding.w;
        std::int64_t v = max ? best : average(sum, avgpool_count(L, h0, w0, count));
        v = activate(L.activation, v, f);
        y.values[static_cast<std::size_t>(y.index(oh, ow, c))] = v;
      }
  return y;
}

Tensor add(const Layer& L, const Tensor& a, const Tensor& b, const IntFormat& f) {
  Tensor y = zeros(L.out);
  for (std::size_t i = 0; i < y.values.size(); ++i) {
    std::int64_t v = add_saturating(a.values[i], b.values[i], f);
    y.values[i] = activate(L.activation, v, f);
  }
  return y;
}

Tensor mul(const Layer& L, const Tensor& x, const Tensor& gate, const IntFormat& f) {
  Tensor y = zeros(L.out);
  for (std::int64_t h = 0; h < L.out.h; ++h)
    for (std::int64_t w = 0; w < L.out.w; ++w)
      for (std::int64_t c = 0; c < L.out.c; ++c)
        y.values[static_cast<std::size_t>(y.index(h, w, c))] =
            activate(L.activation, gate_multiply(x.at(h, w, c), gate.at(0, 0, c), f), f);
  return y;
}

// concat, slice, shuffle: output channel oc of (h, w) is a channel of one input.
Tensor copy(const Layer& L, const std::vector<const Tensor*>& in, const IntFormat& f) {
  Tensor y = zeros(L.out);
  for (std::int64_t h = 0; h < L.out.h; ++h)
    for (std::int64_t w = 0; w < L.out.w; ++w)
      for (std::int64_t oc = 0; oc < L.out.c; ++oc) {
        std::int64_t v = 0;
        if (L.kind == LayerKind::kConcat) {
          std::int64_t c = oc;
          std::size_t i = 0;
          while (c >= in[i]->shape.c) c -= in[i++]->shape.c;
          v = in[i]->at(h, w, c);
        } else if (L.kind == LayerKind::kSlice) {
          v = in[0]->at(h, w, L.channel_range.begin + oc);
        } else {  // shuffle: (g, C / g) transposed
          const std::int64_t per_group = L.in.c / L.groups;
          v = in[0]->at(h, w, (oc % L.groups) * per_group + oc / L.groups);
        }
        y.values[static_cast<std::size_t>(y.index(h, w, oc))] = activate(L.activation, v, f);
      }
  return y;
}

}  // namespace

ReferenceResult run_reference(const Network& net, std::uint64_t seed) {
  const IntFormat f = int_format(net.element_bytes);
  ReferenceResult r;
  r.input = zeros(net.input_shape);
  for (std::size_t i = 0; i < r.input.values.size(); ++i)
    r.input.values[i] = input_value(seed, f, static_cast<std::int64_t>(i));
  auto tensor = [&](int producer) -> const Tensor& {
    return producer == kNetworkInput ? r.input : r.layers[static_cast<std::size_t>(producer)];
  };
  r.layers.reserve(net.layers.size());
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const Layer& L = net.layers[l];
    const Tensor& x = tensor(L.inputs[0]);
    switch (L.kind) {
      case LayerKind::kConv:
        r.layers.push_back(conv(L, static_cast<int>(l), x, f, seed));
        break;
      case LayerKind::kFc:
        r.layers.push_back(fc(L, static_cast<int>(l), x, f, seed));
        break;
      case LayerKind::kMaxPool:
      case LayerKind::kAvgPool:
        r.layers.push_back(pool(L, x, f));
        break;
      case LayerKind::kAdd:
        r.layers.push_back(add(L, x, tensor(L.inputs[1]), f));
        break;
      case LayerKind::kMul:
        r.layers.push_back(mul(L, x, tensor(L.inputs[1]), f));
        break;
      case LayerKind::kConcat:
      case LayerKind::kSlice:
      case LayerKind::kShuffle: {
        std::vector<const Tensor*> in;
        for (int p : L.inputs) in.push_back(&tensor(p));
        r.layers.push_back(copy(L, in, f));
        break;
      }
    }
  }
  return r;
}

}  // namespace cnnsched
