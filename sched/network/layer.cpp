#include <algorithm>

#include <cnnsched/sched/network/layer.hpp>

namespace cnnsched {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::kNone:
      return "none";
    case Activation::kRelu:
      return "relu";
    case Activation::kRelu6:
      return "relu6";
    case Activation::kSigmoid:
      return "sigmoid";
    case Activation::kHardSigmoid:
      return "hardsigmoid";
    case Activation::kHardSwish:
      return "hardswish";
    case Activation::kSilu:
      return "silu";
  }
  return "?";
}

const char* kind_name(LayerKind kind) {
  switch (kind) {
    case LayerKind::kConv:
      return "conv";
    case LayerKind::kMaxPool:
      return "maxpool";
    case LayerKind::kAvgPool:
      return "avgpool";
    case LayerKind::kFc:
      return "fc";
    case LayerKind::kAdd:
      return "add";
    case LayerKind::kMul:
      return "mul";
    case LayerKind::kConcat:
      return "concat";
    case LayerKind::kSlice:
      return "slice";
    case LayerKind::kShuffle:
      return "shuffle";
  }
  return "?";
}

std::string Shape::to_string() const {
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

std::int64_t Layer::input_channel_offset(std::size_t input) const {
  std::int64_t offset = 0;
  for (std::size_t i = 0; i < input && i < input_channel_counts.size(); ++i)
    offset += input_channel_counts[i];
  return offset;
}

Range Layer::input_channels(Range oc, std::size_t input) const {
  switch (kind) {
    case LayerKind::kConcat: {
      const std::int64_t first = input_channel_offset(input);
      const Range part = intersect(oc, {first, first + input_channel_counts[input]});
      if (part.empty()) return {0, 0};
      return {part.begin - first, part.end - first};
    }
    case LayerKind::kSlice:
      return {oc.begin + channel_range.begin, oc.end + channel_range.begin};
    case LayerKind::kShuffle: {
      if (oc.empty()) return {0, 0};
      std::int64_t lo = in.c, hi = 0;
      for (std::int64_t c = oc.begin; c < oc.end; ++c) {
        lo = std::min(lo, shuffled_channel(c));
        hi = std::max(hi, shuffled_channel(c) + 1);
      }
      return {lo, hi};
    }
    case LayerKind::kConv: {
      const std::int64_t in_per_group = in.c / groups;
      const std::int64_t out_per_group = out.c / groups;
      const std::int64_t g0 = oc.begin / out_per_group;
      const std::int64_t g1 = (oc.end - 1) / out_per_group + 1;
      return {g0 * in_per_group, g1 * in_per_group};
    }
    case LayerKind::kFc:
      return {0, in.c};
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
    case LayerKind::kAdd:
    case LayerKind::kMul:
      break;
  }
  return oc;
}

std::int64_t Layer::weight_elements(Range oc) const {
  switch (kind) {
    case LayerKind::kConv:
      return kernel.h * kernel.w * (in.c / groups) * oc.size() + oc.size();
    case LayerKind::kFc:
      return in.elements() * oc.size() + oc.size();
    default:
      return 0;
  }
}

std::int64_t Layer::macs_per_output() const {
  switch (kind) {
    case LayerKind::kConv:
      return kernel.h * kernel.w * (in.c / groups);
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
      return kernel.h * kernel.w;
    case LayerKind::kFc:
      return in.elements();
    case LayerKind::kAdd:
    case LayerKind::kMul:
      return 1;
    case LayerKind::kConcat:
    case LayerKind::kSlice:
    case LayerKind::kShuffle:
      return 0;  // copies: their cost is the reads and the write
  }
  return 0;
}

}  // namespace cnnsched
