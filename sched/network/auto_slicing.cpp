#include <algorithm>
#include <cmath>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/auto_slicing.hpp>

namespace cnnsched {

namespace {

const char* const kForms =
    "allowed: tile-bytes:N (about N bytes per output tile, N >= 1) or spatial:K (K x K spatial tiles per "
    "layer, K >= 1)";

// Slice count nearest to `ideal`, within [1, extent].
int clamp_count(double ideal, std::int64_t extent) {
  const double rounded = std::max(1.0, std::round(ideal));
  return static_cast<int>(std::min<double>(rounded, static_cast<double>(extent)));
}

// Parses a positive decimal integer; false when `text` is anything else.
bool parse_positive(const std::string& text, std::int64_t& value) {
  if (text.empty() || text.size() > 18) return false;
  value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return false;
    value = value * 10 + (ch - '0');
  }
  return value >= 1;
}

}  // namespace

AutoSlicing parse_auto_slicing(const std::string& spec, const std::string& source) {
  const auto colon = spec.find(':');
  const std::string mode = spec.substr(0, colon);
  const std::string number = colon == std::string::npos ? "" : spec.substr(colon + 1);
  AutoSlicing rule;
  rule.source = source;
  if (mode == "tile-bytes")
    rule.mode = AutoSlicing::Mode::kTileBytes;
  else if (mode == "spatial")
    rule.mode = AutoSlicing::Mode::kSpatial;
  else
    throw InputError(source, "", "unknown auto slicing '" + spec + "'; " + kForms);
  if (!parse_positive(number, rule.value))
    throw InputError(source, "", "'" + spec + "' needs a positive integer after '" + mode + ":'; " + kForms);
  return rule;
}

Slices auto_slices(const Shape& shape, std::int64_t element_bytes, const AutoSlicing& rule) {
  Slices s;
  if (rule.mode == AutoSlicing::Mode::kSpatial) {
    s.rows = static_cast<int>(std::min(rule.value, shape.h));
    s.cols = static_cast<int>(std::min(rule.value, shape.w));
    return s;
  }
  const double target = static_cast<double>(rule.value);
  const double pixel_bytes = static_cast<double>(shape.c) * static_cast<double>(element_bytes);
  if (pixel_bytes >= target) {
    // Even a one-pixel tile is too large: every pixel its own tile, then cut channels.
    s.rows = static_cast<int>(shape.h);
    s.cols = static_cast<int>(shape.w);
    s.channels = clamp_count(pixel_bytes / target, shape.c);
    return s;
  }
  // Tiles of about `area` pixels, as square as the tensor allows: rows first for a
  // square side, then cols so that the tile area stays on target.
  // Rows again from the cols, for tensors too narrow for square tiles.
  const double area = target / pixel_bytes;
  const double h = static_cast<double>(shape.h);
  const double w = static_cast<double>(shape.w);
  s.rows = clamp_count(h / std::sqrt(area), shape.h);
  s.cols = clamp_count(w * (h / s.rows) / area, shape.w);
  s.rows = clamp_count(h * (w / s.cols) / area, shape.h);
  return s;
}

void apply_auto_slicing(Network& network, const AutoSlicing& rule) {
  network.set_slices("input", auto_slices(network.input_shape, network.element_bytes, rule), rule.source);
  for (const Layer& layer : network.layers) {
    Slices s = auto_slices(layer.out, network.element_bytes, rule);
    if (layer.kind == LayerKind::kShuffle) s.channels = 1;  // see check_layer_slices
    network.set_slices(layer.name, s, rule.source);
  }
}

}  // namespace cnnsched
