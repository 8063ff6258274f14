#ifdef CNNSCHED_HAVE_ONNX
#include <cnnsched/sched/network/onnx_attributes.hpp>

namespace cnnsched {

std::string dims_text(const OnnxDims& d) {
  std::string s = "[";
  for (std::size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
  return s + "]";
}

std::int64_t item_elements(const OnnxDims& d) {
  std::int64_t p = 1;
  for (std::size_t i = 1; i < d.size(); ++i) p *= d[i];
  return p;
}

OnnxDims tensor_dims(const onnx::TypeProto& type) {
  OnnxDims d;
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return d;
  for (const auto& dim : type.tensor_type().shape().dim())
    d.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
  return d;
}

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const char* name) {
  for (const auto& a : node.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

std::int64_t int_attribute(const onnx::NodeProto& node, const char* name, std::int64_t fallback) {
  const auto* a = find_attribute(node, name);
  return a ? a->i() : fallback;
}

double float_attribute(const onnx::NodeProto& node, const char* name, double fallback) {
  const auto* a = find_attribute(node, name);
  return a ? static_cast<double>(a->f()) : fallback;
}

OnnxDims ints_attribute(const onnx::NodeProto& node, const char* name, OnnxDims fallback) {
  const auto* a = find_attribute(node, name);
  return a ? OnnxDims(a->ints().begin(), a->ints().end()) : fallback;
}

std::string string_attribute(const onnx::NodeProto& node, const char* name, const std::string& fallback) {
  const auto* a = find_attribute(node, name);
  return a ? a->s() : fallback;
}

std::string clean_layer_name(const std::string& raw) {
  std::string s;
  for (char ch : raw) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '-' || ch == '.';
    s += ok ? ch : '_';
  }
  return s;
}

}  // namespace cnnsched
#endif
