#include <cnnsched/sched/network/onnx_activation.hpp>

#ifdef CNNSCHED_HAVE_ONNX

#include <cmath>
#include <string>

#include <cnnsched/sched/network/onnx_attributes.hpp>

namespace cnnsched {

namespace {

// Clip's bound `k` (opset 11+: input 1 / 2, a constant; before: attribute).
double clip_bound(const onnx::NodeProto& node, const OnnxTensors& tensors, int k, const char* attribute,
                  double fallback) {
  if (node.input_size() > k && !node.input(k).empty()) {
    const OnnxConstant* c = tensors.constant_value(node.input(k));
    if (!c || !c->known || c->values.size() != 1)
      throw tensors.node_error(node, "needs constant scalar bounds (only Clip(0, 6), ReLU6, is supported)");
    return c->values[0];
  }
  return float_attribute(node, attribute, fallback);
}

}  // namespace

Activation clip_activation(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const double lo = clip_bound(node, tensors, 1, "min", -3.4e38);
  const double hi = clip_bound(node, tensors, 2, "max", 3.4e38);
  if (lo == 0 && hi == 6) return Activation::kRelu6;
  if (lo == 0 && hi >= 3.4e38) return Activation::kRelu;
  throw tensors.node_error(node, "Clip(" + std::to_string(lo) + ", " + std::to_string(hi) +
                                     ") is not supported; only Clip(0, 6) (ReLU6) and Clip(0, inf) (ReLU)");
}

void check_hardsigmoid(const onnx::NodeProto& node, const OnnxTensors& tensors) {
  const double alpha = float_attribute(node, "alpha", 0.2), beta = float_attribute(node, "beta", 0.5);
  if (std::abs(alpha - 1.0 / 6) > 1e-6 || std::abs(beta - 0.5) > 1e-6)
    throw tensors.node_error(
        node, "only alpha = 1/6, beta = 0.5 (PyTorch's Hardsigmoid) is supported, got alpha = " +
                  std::to_string(alpha) + ", beta = " + std::to_string(beta));
}

}  // namespace cnnsched
#endif
