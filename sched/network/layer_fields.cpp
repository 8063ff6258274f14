#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/layer_fields.hpp>

namespace cnnsched {

namespace {

Pair read_pair(const JsonFields& f, const std::string& key, std::int64_t min_value) {
  const auto v = f.int_array(key, 2, min_value, true);
  if (v[0] > kMaxExtent || v[1] > kMaxExtent)
    throw f.error(key, "must be at most " + std::to_string(kMaxExtent));
  return {v[0], v[1]};
}

Pair optional_pair(const JsonFields& f, const std::string& key, std::int64_t min_value, Pair fallback) {
  return f.has(key) ? read_pair(f, key, min_value) : fallback;
}

// Output extent of a sliding window along one dimension, padding p0 before and
// p1 after the input; checks the geometry. With ceil_mode the last window may
// run past the padded input, but it starts inside the input or its front
// padding (ONNX's and PyTorch's rule).
std::int64_t window_extent(const JsonFields& f, const std::string& key, const char* dim, std::int64_t in,
                           std::int64_t k, std::int64_t s, std::int64_t p0, std::int64_t p1, bool ceil) {
  for (std::int64_t p : {p0, p1})
    if (p >= k)
      throw f.error("padding", std::string("padding ") + dim + " = " + std::to_string(p) +
                                   " must be smaller than the " + key + " " + dim + " = " +
                                   std::to_string(k));
  if (k > in + p0 + p1)
    throw f.error(key, std::string(dim) + " = " + std::to_string(k) + " is larger than the padded input " +
                           dim + " " + std::to_string(in + p0 + p1) + " (input " + std::to_string(in) +
                           " + padding " + std::to_string(p0) + " + " + std::to_string(p1) + ")");
  const std::int64_t span = in + p0 + p1 - k;
  std::int64_t out = (ceil ? (span + s - 1) / s : span / s) + 1;
  if (ceil && (out - 1) * s >= in + p0) --out;
  return out;
}

// "padding": [h, w] (or one integer) for both sides, or [top, left, bottom, right].
void read_padding(Layer& layer, const JsonFields& f) {
  if (!f.has("padding")) return;
  const nlohmann::json& p = f.json()["padding"];
  if (p.is_array() && p.size() != 2 && p.size() != 4)
    throw f.error("padding", "must be [h, w], one integer for both, or [top, left, bottom, right], got " +
                                 std::to_string(p.size()) + " values");
  if (!p.is_array() || p.size() == 2) {
    layer.padding = read_pair(f, "padding", 0);
    layer.padding_end = layer.padding;
    return;
  }
  const auto v = f.int_array("padding", 4, 0, false);
  for (auto side : v)
    if (side > kMaxExtent) throw f.error("padding", "must be at most " + std::to_string(kMaxExtent));
  layer.padding = {v[0], v[1]};
  layer.padding_end = {v[2], v[3]};
}

void infer_window(Layer& layer, const JsonFields& f, const std::string& key) {
  layer.out.h = window_extent(f, key, "height", layer.in.h, layer.kernel.h, layer.stride.h, layer.padding.h,
                              layer.padding_end.h, layer.ceil_mode);
  layer.out.w = window_extent(f, key, "width", layer.in.w, layer.kernel.w, layer.stride.w, layer.padding.w,
                              layer.padding_end.w, layer.ceil_mode);
}

void read_conv(Layer& layer, const JsonFields& f) {
  f.allow_only({"name", "kind", "inputs", "kernel", "out_channels", "stride", "padding", "groups", "relu",
                "activation", "slices", "comment"});
  layer.kernel = read_pair(f, "kernel", 1);
  layer.stride = optional_pair(f, "stride", 1, {1, 1});
  read_padding(layer, f);
  layer.groups = f.optional_positive_int("groups", 1);
  const std::int64_t out_channels = f.required_positive_int("out_channels");
  if (out_channels > kMaxExtent)
    throw f.error("out_channels", "must be at most " + std::to_string(kMaxExtent));
  if (layer.in.c % layer.groups != 0 || out_channels % layer.groups != 0)
    throw f.error("groups", "groups = " + std::to_string(layer.groups) + " must divide the input channels (" +
                                std::to_string(layer.in.c) + ") and out_channels (" +
                                std::to_string(out_channels) + ")");
  infer_window(layer, f, "kernel");
  layer.out.c = out_channels;
}

void read_pool(Layer& layer, const JsonFields& f) {
  f.allow_only({"name", "kind", "inputs", "window", "stride", "padding", "ceil_mode", "count_include_pad",
                "relu", "activation", "slices", "comment"});
  layer.kernel = read_pair(f, "window", 1);
  layer.stride = optional_pair(f, "stride", 1, layer.kernel);
  read_padding(layer, f);
  layer.ceil_mode = f.optional_bool("ceil_mode", false);
  layer.count_include_pad = f.optional_bool("count_include_pad", false);
  if (layer.count_include_pad && layer.kind != LayerKind::kAvgPool)
    throw f.error("count_include_pad", "applies to avgpool only");
  infer_window(layer, f, "window");
  layer.out.c = layer.in.c;
}

void read_fc(Layer& layer, const JsonFields& f) {
  f.allow_only({"name", "kind", "inputs", "out_features", "relu", "activation", "slices", "comment"});
  const std::int64_t features = f.required_positive_int("out_features");
  if (features > kMaxExtent) throw f.error("out_features", "must be at most " + std::to_string(kMaxExtent));
  layer.out = {1, 1, features};
}

void read_add(Layer& layer, const JsonFields& f, const Network& net) {
  f.allow_only({"name", "kind", "inputs", "relu", "activation", "slices", "comment"});
  auto shape_of = [&](int i) { return i == kNetworkInput ? net.input_shape : net.layers[i].out; };
  const Shape a = shape_of(layer.inputs[0]);
  const Shape b = shape_of(layer.inputs[1]);
  if (a != b)
    throw f.error("inputs",
                  "add needs two inputs of equal shape, got " + a.to_string() + " and " + b.to_string());
  layer.out = a;
}

// x (H x W x C) times a gate of 1 x 1 x C: one factor per channel.
void read_mul(Layer& layer, const JsonFields& f, const Network& net) {
  f.allow_only({"name", "kind", "inputs", "relu", "activation", "slices", "comment"});
  auto shape_of = [&](int i) { return i == kNetworkInput ? net.input_shape : net.layers[i].out; };
  const Shape x = shape_of(layer.inputs[0]);
  const Shape gate = shape_of(layer.inputs[1]);
  if (gate != Shape{1, 1, x.c})
    throw f.error("inputs", "mul needs a tensor and a 1x1x" + std::to_string(x.c) +
                                " gate (one factor per channel), got " + x.to_string() + " and " +
                                gate.to_string());
  layer.out = x;
}

// Concatenation along channels of inputs of equal height and width.
void read_concat(Layer& layer, const JsonFields& f, const Network& net) {
  f.allow_only({"name", "kind", "inputs", "relu", "activation", "slices", "comment"});
  std::int64_t channels = 0;
  for (std::size_t i = 0; i < layer.inputs.size(); ++i) {
    const int p = layer.inputs[i];
    const Shape s = p == kNetworkInput ? net.input_shape : net.layers[static_cast<std::size_t>(p)].out;
    if (s.h != layer.in.h || s.w != layer.in.w)
      throw f.error("inputs", "concat needs inputs of equal height and width, got " + layer.in.to_string() +
                                  " and " + s.to_string() + " (input " + std::to_string(i) + ")");
    for (std::size_t j = 0; j < i; ++j)
      if (layer.inputs[j] == p) throw f.error("inputs", "concat needs different inputs");
    layer.input_channel_counts.push_back(s.c);
    channels += s.c;
  }
  if (channels > kMaxExtent) throw f.error("inputs", "more than " + std::to_string(kMaxExtent) + " channels");
  layer.out = {layer.in.h, layer.in.w, channels};
}

// A copy of input channels [begin, end).
void read_slice(Layer& layer, const JsonFields& f) {
  f.allow_only({"name", "kind", "inputs", "channels", "relu", "activation", "slices", "comment"});
  const auto v = f.int_array("channels", 2, 0, false);
  if (v[0] >= v[1] || v[1] > layer.in.c)
    throw f.error("channels", "needs [begin, end) with 0 <= begin < end <= the input channels (" +
                                  std::to_string(layer.in.c) + "), got [" + std::to_string(v[0]) + ", " +
                                  std::to_string(v[1]) + "]");
  layer.channel_range = {v[0], v[1]};
  layer.out = {layer.in.h, layer.in.w, v[1] - v[0]};
}

// The channel shuffle of `groups` groups.
void read_shuffle(Layer& layer, const JsonFields& f) {
  f.allow_only({"name", "kind", "inputs", "groups", "relu", "activation", "slices", "comment"});
  layer.groups = f.required_positive_int("groups");
  if (layer.in.c % layer.groups != 0)
    throw f.error("groups", "groups = " + std::to_string(layer.groups) + " must divide the input channels (" +
                                std::to_string(layer.in.c) + ")");
  layer.out = layer.in;
}

}  // namespace

void check_input_count(const Layer& layer, const JsonFields& f) {
  const std::size_t wanted = layer.kind == LayerKind::kAdd || layer.kind == LayerKind::kMul ? 2 : 1;
  if (layer.kind == LayerKind::kConcat && layer.inputs.size() < 2)
    throw f.error("inputs", "concat takes at least 2 inputs, got " + std::to_string(layer.inputs.size()));
  if (layer.kind != LayerKind::kConcat && layer.inputs.size() != wanted)
    throw f.error("inputs", std::string(kind_name(layer.kind)) + " takes exactly " + std::to_string(wanted) +
                                (wanted == 1 ? " input" : " inputs") + ", got " +
                                std::to_string(layer.inputs.size()));
  if (wanted == 2 && layer.inputs[0] == layer.inputs[1])
    throw f.error("inputs", std::string(kind_name(layer.kind)) + " needs two different inputs");
}

void read_layer_fields(Layer& layer, const JsonFields& f, const Network& net) {
  switch (layer.kind) {
    case LayerKind::kConv:
      return read_conv(layer, f);
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
      return read_pool(layer, f);
    case LayerKind::kFc:
      return read_fc(layer, f);
    case LayerKind::kAdd:
      return read_add(layer, f, net);
    case LayerKind::kMul:
      return read_mul(layer, f, net);
    case LayerKind::kConcat:
      return read_concat(layer, f, net);
    case LayerKind::kSlice:
      return read_slice(layer, f);
    case LayerKind::kShuffle:
      return read_shuffle(layer, f);
  }
}

}  // namespace cnnsched
