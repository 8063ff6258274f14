#pragma once
// Reading an ONNX file for the importer (sched/onnx_import.hpp): parse, reject
// what the importer does not support before libonnx looks at it, then run
// libonnx's checker and shape inference. Only built with libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/onnx_pb.h>
#include <string>

namespace cnnsched {

// The operators the importer maps to layers, as a readable list.
std::string supported_onnx_ops();
bool supported_onnx_op(const onnx::NodeProto& node);

// The model's file name without ".onnx", the network's default name: graph
// names say little (every PyTorch export is called "torch_jit").
std::string onnx_model_name(const std::string& path);

// Throws InputError(path, ...) naming the node for anything unsupported or invalid.
onnx::ModelProto read_onnx_model(const std::string& path);

// libonnx's checker and shape inference (with data propagation) on `model`; a
// second run refines the shapes of the first. Throws InputError(path, "", ...).
void infer_onnx_shapes(const std::string& path, onnx::ModelProto& model);

}  // namespace cnnsched
#endif
