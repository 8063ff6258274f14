#pragma once
// Small readers of ONNX protobuf fields the importer needs: tensor dims,
// node attributes with defaults, and layer names the network config accepts.
// Only built with libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <cstdint>
#include <onnx/onnx_pb.h>
#include <string>
#include <vector>

namespace cnnsched {

using OnnxDims = std::vector<std::int64_t>;  // ONNX dims, -1 where unknown

std::string dims_text(const OnnxDims& d);
std::int64_t item_elements(const OnnxDims& d);  // elements per batch item
OnnxDims tensor_dims(const onnx::TypeProto& type);

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const char* name);
std::int64_t int_attribute(const onnx::NodeProto& node, const char* name, std::int64_t fallback);
double float_attribute(const onnx::NodeProto& node, const char* name, double fallback);
OnnxDims ints_attribute(const onnx::NodeProto& node, const char* name, OnnxDims fallback);
std::string string_attribute(const onnx::NodeProto& node, const char* name, const std::string& fallback);

// Characters outside [A-Za-z0-9_.-] become '_'.
std::string clean_layer_name(const std::string& raw);

}  // namespace cnnsched
#endif
