#pragma once
// Tensors whose data lives in a file next to the ONNX model (TensorProto
// data_location EXTERNAL, e.g. torch.onnx.export of models above 2 GB). The
// location is resolved relative to the model's folder and must stay inside
// it: an absolute path, "..", or a symbolic link leading out is refused, as
// is a file that is missing or shorter than offset + length. Only built with
// libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <onnx/onnx_pb.h>
#include <string>

namespace cnnsched {

// Checks every external tensor of the graph (initializers and Constant
// values) and rewrites its location to the resolved absolute path, so that
// libonnx's checker (which resolves against the working folder) finds it.
// Throws InputError(model_path, "tensor 'NAME'", ...) naming the tensor.
void resolve_external_data(const std::string& model_path, onnx::GraphProto& graph);

// The raw bytes of a resolved external tensor; throws InputError naming it.
std::string read_external_data(const std::string& model_path, const onnx::TensorProto& tensor);

}  // namespace cnnsched
#endif
