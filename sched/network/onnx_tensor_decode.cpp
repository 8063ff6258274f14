#ifdef CNNSCHED_HAVE_ONNX
// Decoding initializer and Constant tensors into values (raw, typed and
// external data); split out of onnx_constant_folding.cpp, which evaluates nodes.
#include <cstring>

#include <cnnsched/sched/network/onnx_constant_folding.hpp>
#include <cnnsched/sched/network/onnx_external_data.hpp>

namespace cnnsched {

std::int64_t onnx_element_count(const OnnxDims& d) {
  std::int64_t n = 1;
  for (std::int64_t x : d) {
    if (x < 0) return -1;
    if (x > 0 && n > kMaxFoldedElements / x + 1) return kMaxFoldedElements + 1;
    n *= x;
  }
  return n;
}

namespace {

using DecodedValues = std::vector<double>;

template <typename T>
DecodedValues raw_values(const std::string& raw, std::int64_t n) {
  DecodedValues v;
  if (raw.size() != static_cast<std::size_t>(n) * sizeof(T)) return v;
  v.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    T x;
    std::memcpy(&x, raw.data() + i * static_cast<std::int64_t>(sizeof(T)), sizeof(T));
    v.push_back(static_cast<double>(x));
  }
  return v;
}

DecodedValues decode_raw(int type, const std::string& raw, std::int64_t n) {
  switch (type) {
    case onnx::TensorProto::FLOAT:
      return raw_values<float>(raw, n);
    case onnx::TensorProto::DOUBLE:
      return raw_values<double>(raw, n);
    case onnx::TensorProto::INT64:
      return raw_values<std::int64_t>(raw, n);
    case onnx::TensorProto::INT32:
      return raw_values<std::int32_t>(raw, n);
    case onnx::TensorProto::INT16:
      return raw_values<std::int16_t>(raw, n);
    case onnx::TensorProto::UINT16:
      return raw_values<std::uint16_t>(raw, n);
    case onnx::TensorProto::INT8:
      return raw_values<std::int8_t>(raw, n);
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::BOOL:
      return raw_values<std::uint8_t>(raw, n);
    default:
      return {};
  }
}

DecodedValues decode_typed(const onnx::TensorProto& t) {
  DecodedValues v;
  for (float x : t.float_data()) v.push_back(x);
  for (double x : t.double_data()) v.push_back(x);
  for (std::int64_t x : t.int64_data()) v.push_back(static_cast<double>(x));
  for (std::int32_t x : t.int32_data()) v.push_back(x);
  for (std::uint64_t x : t.uint64_data()) v.push_back(static_cast<double>(x));
  return v;
}

}  // namespace

OnnxConstant decode_onnx_tensor(const std::string& model_path, const onnx::TensorProto& tensor) {
  OnnxConstant c{OnnxDims(tensor.dims().begin(), tensor.dims().end()), {}, false};
  const std::int64_t n = onnx_element_count(c.dims);
  if (n < 0 || n > kMaxFoldedElements) return c;
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL)
    c.values = decode_raw(tensor.data_type(), read_external_data(model_path, tensor), n);
  else if (tensor.has_raw_data())
    c.values = decode_raw(tensor.data_type(), tensor.raw_data(), n);
  else
    c.values = decode_typed(tensor);
  c.known = static_cast<std::int64_t>(c.values.size()) == n;
  if (!c.known) c.values.clear();
  return c;
}

}  // namespace cnnsched
#endif
