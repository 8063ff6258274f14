#include <cnnsched/sched/network/slicing.hpp>
#include <cnnsched/sched/network/tensor_region.hpp>

namespace cnnsched {

TensorRegion needed_input_region(const Layer& layer, const TensorRegion& out, std::size_t input) {
  switch (layer.kind) {
    case LayerKind::kConv:
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
      return {window_input_range(out.rows, layer.kernel.h, layer.stride.h, layer.padding.h, layer.in.h),
              window_input_range(out.cols, layer.kernel.w, layer.stride.w, layer.padding.w, layer.in.w),
              layer.input_channels(out.channels)};
    case LayerKind::kFc:
      return {{0, layer.in.h}, {0, layer.in.w}, {0, layer.in.c}};
    case LayerKind::kMul:
      if (input == 1) return {{0, 1}, {0, 1}, out.channels};  // the gate of its channels
      break;
    case LayerKind::kConcat:
    case LayerKind::kSlice:
    case LayerKind::kShuffle:
      return {out.rows, out.cols, layer.input_channels(out.channels, input)};
    case LayerKind::kAdd:
      break;
  }
  return out;
}

}  // namespace cnnsched
