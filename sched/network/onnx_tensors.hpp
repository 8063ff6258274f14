#pragma once
// What the importer knows about the tensors of one ONNX graph: inferred
// shapes, constants (initializers and Constant outputs), how many consumers
// each has, and which network layer computes it. Only built with libonnx.
#ifdef CNNSCHED_HAVE_ONNX
#include <map>
#include <onnx/onnx_pb.h>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/layer.hpp>
#include <cnnsched/sched/network/onnx_attributes.hpp>
#include <cnnsched/sched/network/onnx_constant_folding.hpp>

namespace cnnsched {

// Where a tensor of the ONNX graph comes from in the network.
struct OnnxValue {
  int layer = kNetworkInput;  // producing layer, or the network input
  bool exclusive = false;     // the tensor chain back to the layer has one consumer each step
};

class OnnxTensors {
 public:
  OnnxTensors(std::string path, const onnx::GraphProto& graph);

  const std::string& path() const { return path_; }
  std::string label(const onnx::NodeProto& node) const;  // "node 'n' (Op)"
  InputError node_error(const onnx::NodeProto& node, const std::string& problem) const;

  // The single graph input that is not an initializer; throws otherwise.
  std::string input_name() const;
  OnnxDims shape(const std::string& tensor) const;  // empty when inference left it open
  int uses(const std::string& tensor) const;        // graph outputs count as a use
  // The single node reading `tensor`, or nullptr (none, several, or a graph output).
  const onnx::NodeProto* only_consumer(const std::string& tensor) const;
  bool is_constant(const std::string& tensor) const { return constants_.count(tensor) > 0; }

  // Input `input` of `node` as a computed tensor / as a constant; throws naming the node.
  const OnnxValue& value(const onnx::NodeProto& node, int input) const;
  const OnnxDims& constant(const onnx::NodeProto& node, int input, const char* what) const;
  // Outputs from `first` on must feed nothing (e.g. MaxPool indices, BatchNorm statistics).
  void require_unused_outputs(const onnx::NodeProto& node, int first) const;

  void set_value(const std::string& tensor, OnnxValue v) { values_[tensor] = v; }
  // A shape the importer found where inference left it open (a folded Reshape target).
  void set_shape(const std::string& tensor, OnnxDims dims) { shapes_[tensor] = std::move(dims); }
  void set_constant(const std::string& tensor, OnnxDims dims) {
    constants_[tensor] = {std::move(dims), {}, false};
  }
  void set_constant(const std::string& tensor, OnnxConstant c) { constants_[tensor] = std::move(c); }
  // The constant `tensor` with its values when known (initializers are decoded
  // on first use); nullptr when it is not a constant.
  const OnnxConstant* constant_value(const std::string& tensor) const;

 private:
  std::string path_;
  const onnx::GraphProto& graph_;
  std::map<std::string, OnnxDims> shapes_;                        // inferred tensor shapes
  mutable std::map<std::string, OnnxConstant> constants_;         // initializers and folded outputs
  std::map<std::string, const onnx::TensorProto*> initializers_;  // not yet decoded
  std::map<std::string, int> uses_;          // consumers per tensor (graph outputs count)
  std::map<std::string, OnnxValue> values_;  // tensors that the network computes
};

}  // namespace cnnsched
#endif
