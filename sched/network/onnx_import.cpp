#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/onnx_activation.hpp>
#include <cnnsched/sched/network/onnx_channel_ops.hpp>
#include <cnnsched/sched/network/onnx_constant_folding.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>
#include <cnnsched/sched/network/onnx_model.hpp>
#include <cnnsched/sched/network/onnx_pad.hpp>
#include <cnnsched/sched/network/onnx_tensors.hpp>
#include <cnnsched/sched/network/onnx_window.hpp>

#ifdef CNNSCHED_HAVE_ONNX

#include <algorithm>
#include <cmath>
#include <map>
#include <onnx/onnx_pb.h>
#include <set>

namespace cnnsched {

namespace {

using Dims = OnnxDims;
using nlohmann::json;

class Importer {
 public:
  Importer(std::string path, const onnx::GraphProto& graph, const OnnxImportOptions& options)
      : path_(std::move(path)), graph_(graph), options_(options), tensors_(path_, graph) {}

  Network run() {
    read_input();
    for (int i = 0; i < graph_.node_size(); ++i) import_node(graph_.node(i), i);
    if (layers_.empty()) throw InputError(path_, "", "the graph has no operator that becomes a layer");
    json config = {{"name", options_.name.empty() ? onnx_model_name(path_) : options_.name},
                   {"element_bytes", options_.element_bytes},
                   {"input", {{"shape", {input_.h, input_.w, input_.c}}}},
                   {"layers", layers_}};
    Network net;
    try {
      net = parse_network(config, path_);
    } catch (const InputError& e) {
      // The config is ours; say which node the problem came from.
      throw InputError(path_, label_of_field(e.field()), std::string(e.what()).substr(path_.size() + 2));
    }
    check_shapes(net);
    return net;
  }

 private:
  std::string label(const onnx::NodeProto& node) const { return tensors_.label(node); }
  InputError node_error(const onnx::NodeProto& node, const std::string& problem) const {
    return tensors_.node_error(node, problem);
  }
  const OnnxValue& value(const onnx::NodeProto& node, int input) const { return tensors_.value(node, input); }
  Dims onnx_shape(const std::string& tensor) const { return tensors_.shape(tensor); }

  // The single non-initializer graph input, NCHW with batch 1 (or [1, F]).
  void read_input() {
    const std::string name = tensors_.input_name();
    input_ = to_hwc(tensors_.shape(name), "graph.input '" + name + "'", true);
    tensors_.set_value(name, {kNetworkInput, false});
  }

  // NCHW (or N x F) to H x W x C; an unknown batch counts as 1.
  Shape to_hwc(const Dims& d, const std::string& field, bool is_input) const {
    const bool rank_ok = d.size() == 4 || d.size() == 2;
    bool known = rank_ok;
    for (std::size_t i = 1; i < d.size(); ++i) known = known && d[i] >= 1;
    if (!known)
      throw InputError(path_, field,
                       "shape " + dims_text(d) + (is_input ? " of the input" : "") +
                           " is not supported: need N x C x H x W or N x F with known sizes");
    if (d[0] > 1)
      throw InputError(path_, field, "batch size " + std::to_string(d[0]) + " is not supported; use batch 1");
    if (d.size() == 2) return {1, 1, d[1]};
    return {d[2], d[3], d[1]};
  }

  // The producing layer's name, as the config refers to it.
  std::string ref(const OnnxValue& v) const {
    return v.layer == kNetworkInput ? "input"
                                    : layers_[static_cast<std::size_t>(v.layer)]["name"].get<std::string>();
  }

  // The single 4-D input of a window operator as H x W x C.
  Shape window_input(const onnx::NodeProto& node) const {
    const Dims d = onnx_shape(window_source(node).first);
    if (d.size() != 4) throw node_error(node, "needs a 4-D NCHW input, got shape " + dims_text(d));
    return to_hwc(d, label(node), false);
  }

  // The tensor a window operator reads before a Pad folded into it, and that
  // Pad's [top, left, bottom, right].
  std::pair<std::string, Dims> window_source(const onnx::NodeProto& node) const {
    auto it = pads_.find(node.input(0));
    if (it == pads_.end()) return {node.input(0), {0, 0, 0, 0}};
    return it->second;
  }

  // A Pad folds into the Conv or pooling that is its one consumer. Zeros are
  // what conv padding adds; max pooling never selects padding, so there a
  // zero pad is exact only on non-negative data; average pooling counts them.
  void import_pad(const onnx::NodeProto& node, int) {
    const Dims pads = onnx_pad_amounts(node, tensors_);
    const OnnxValue& x = value(node, 0);
    if (pads == Dims{0, 0, 0, 0}) return pass_through(node, x);
    const onnx::NodeProto* next = tensors_.only_consumer(node.output(0));
    const std::string op = next ? next->op_type() : "";
    if ((op != "Conv" && op != "MaxPool" && op != "AveragePool") || next->input(0) != node.output(0))
      throw node_error(node,
                       "is supported only when its one consumer is a Conv, MaxPool or AveragePool "
                       "(as its data input), into whose padding it folds");
    if (op == "MaxPool") {
      const std::string a = x.layer == kNetworkInput
                                ? "none"
                                : layers_[static_cast<std::size_t>(x.layer)].value("activation", "none");
      if (a != "relu" && a != "relu6" && a != "sigmoid" && a != "hardsigmoid")
        throw node_error(node, "pads with zeros before MaxPool '" + next->name() +
                                   "', which max pooling may select; supported only on non-negative data "
                                   "(the output of a fused Relu, Clip(0, 6), Sigmoid or HardSigmoid)");
    }
    pads_[node.output(0)] = {node.input(0), pads};
    pass_through(node, x);
  }

  // The layer computing output `output` of `node` (named after the node, and
  // its output index for the outputs after the first).
  void add_layer(const onnx::NodeProto& node, int index, json layer, int output = 0) {
    std::string base = clean_layer_name(node.name());
    if (base.empty() || base == "input")
      base = clean_layer_name(node.op_type()) + "_" + std::to_string(index);
    if (output > 0) base += "_" + std::to_string(output);
    std::string name = base;
    for (int k = 2; taken_.count(name); ++k) name = base + "_" + std::to_string(k);
    taken_.insert(name);
    layer["name"] = name;
    layers_.push_back(std::move(layer));
    labels_.push_back(label(node));
    const std::string& tensor = node.output(output);
    upstream_alone_[tensor] = true;
    expected_.push_back(onnx_shape(tensor));
    tensors_.set_value(tensor, {static_cast<int>(layers_.size()) - 1, tensors_.uses(tensor) == 1});
  }

  void pass_through(const onnx::NodeProto& node, const OnnxValue& v) {
    upstream_alone_[node.output(0)] = v.exclusive;
    tensors_.set_value(node.output(0), {v.layer, v.exclusive && tensors_.uses(node.output(0)) == 1});
  }

  void import_conv(const onnx::NodeProto& node, int index) {
    const OnnxValue& x = value(node, 0);
    const Shape in = window_input(node);
    const Dims& w = tensors_.constant(node, 1, "weight W");
    if (w.size() != 4) throw node_error(node, "needs a 4-D weight, got " + dims_text(w));
    const std::int64_t groups = int_attribute(node, "group", 1);
    if (groups < 1 || in.c % groups != 0 || w[1] * groups != in.c)
      throw node_error(node, "group " + std::to_string(groups) + " does not match input channels " +
                                 std::to_string(in.c) + " and weight " + dims_text(w));
    const Dims kernel = ints_attribute(node, "kernel_shape", {w[2], w[3]});
    json layer = {{"kind", "conv"}, {"inputs", ref(x)}, {"out_channels", w[0]}, {"groups", groups}};
    onnx_window_geometry(tensors_, node, in, kernel, layer, window_source(node).second);
    add_layer(node, index, std::move(layer));
  }

  void import_pool(const onnx::NodeProto& node, int index, const char* kind) {
    const OnnxValue& x = value(node, 0);
    const Shape in = window_input(node);
    const auto* k = find_attribute(node, "kernel_shape");
    if (!k) throw node_error(node, "needs kernel_shape");
    json layer = {{"kind", kind}, {"inputs", ref(x)}};
    const Dims pad = window_source(node).second;
    onnx_window_geometry(tensors_, node, in, Dims(k->ints().begin(), k->ints().end()), layer, pad);
    layer["window"] = layer["kernel"];
    layer.erase("kernel");
    tensors_.require_unused_outputs(node, 1);
    if (int_attribute(node, "ceil_mode", 0) != 0) layer["ceil_mode"] = true;
    if (std::string(kind) == "avgpool") {
      // A folded Pad's zeros count in the average; the node's own pads only with count_include_pad.
      const bool own_counted = int_attribute(node, "count_include_pad", 0) != 0;
      const bool own_pads = ints_attribute(node, "pads", {0, 0, 0, 0}) != Dims{0, 0, 0, 0} ||
                            string_attribute(node, "auto_pad", "NOTSET").compare(0, 4, "SAME") == 0;
      if (pad != Dims{0, 0, 0, 0} && own_pads && !own_counted)
        throw node_error(node,
                         "pads of its own with count_include_pad = 0 after a Pad (whose zeros count "
                         "in the average) are not supported; use one or the other");
      if (own_counted || pad != Dims{0, 0, 0, 0}) layer["count_include_pad"] = true;
    }
    add_layer(node, index, std::move(layer));
  }

  void import_global_pool(const onnx::NodeProto& node, int index, const char* kind) {
    const OnnxValue& x = value(node, 0);
    const Shape in = window_input(node);
    add_layer(node, index, {{"kind", kind}, {"inputs", ref(x)}, {"window", {in.h, in.w}}});
  }

  void import_fc(const onnx::NodeProto& node, int index, bool gemm) {
    const OnnxValue& x = value(node, 0);
    const Dims& b = tensors_.constant(node, 1, "weight matrix B");
    if (b.size() != 2) throw node_error(node, "needs a 2-D weight matrix, got " + dims_text(b));
    if (gemm && int_attribute(node, "transA", 0) != 0) throw node_error(node, "transA = 1 is not supported");
    const bool trans_b = gemm && int_attribute(node, "transB", 0) != 0;
    const std::int64_t in_features = trans_b ? b[1] : b[0];
    const std::int64_t out_features = trans_b ? b[0] : b[1];
    const Dims a = onnx_shape(node.input(0));
    if (a.size() != 2 || a[0] > 1 || a[1] != in_features)
      throw node_error(
          node, "needs a flattened [1, " + std::to_string(in_features) + "] input, got " + dims_text(a));
    add_layer(node, index, {{"kind", "fc"}, {"inputs", ref(x)}, {"out_features", out_features}});
  }

  void import_add(const onnx::NodeProto& node, int index) {
    if (node.input_size() != 2) throw node_error(node, "needs two inputs");
    const bool const_a = tensors_.is_constant(node.input(0));
    const bool const_b = tensors_.is_constant(node.input(1));
    if (const_a || const_b) {
      // A bias (or any constant) folds into the producing layer.
      if (const_a && const_b) throw node_error(node, "adds two constants; needs at least one tensor");
      const int tensor = const_a ? 1 : 0;
      if (onnx_shape(node.output(0)) != onnx_shape(node.input(tensor)))
        throw node_error(node, "adding a constant must keep the tensor shape");
      pass_through(node, value(node, tensor));
      return;
    }
    const OnnxValue& a = value(node, 0);
    const OnnxValue& b = value(node, 1);
    if (onnx_shape(node.input(0)) != onnx_shape(node.input(1)))
      throw node_error(node, "inputs of shapes " + dims_text(onnx_shape(node.input(0))) + " and " +
                                 dims_text(onnx_shape(node.input(1))) +
                                 " need broadcasting; only equal shapes are supported");
    if (a.layer == b.layer)
      throw node_error(node, "adds a tensor to itself, which the network model cannot express");
    add_layer(node, index, {{"kind", "add"}, {"inputs", {ref(a), ref(b)}}});
  }

  // A tensor times a per-channel gate [1, C, 1, 1] (squeeze-and-excitation:
  // x * sigmoid(conv(pool(x)))); x * Sigmoid(x) never gets here (fused as SiLU).
  void import_mul(const onnx::NodeProto& node, int index) {
    const std::string allowed =
        "; supported: x * Sigmoid(x) (SiLU), x * HardSigmoid(x) (HardSwish) and a tensor [1, C, H, W] "
        "times a per-channel gate [1, C, 1, 1] computed by the network (squeeze-and-excitation)";
    if (node.input_size() != 2) throw node_error(node, "needs two inputs");
    if (tensors_.is_constant(node.input(0)) || tensors_.is_constant(node.input(1)))
      throw node_error(node, "multiplies by a constant, which is not supported" + allowed);
    const Dims a = onnx_shape(node.input(0)), b = onnx_shape(node.input(1));
    auto gates = [](const Dims& x, const Dims& g) {
      return x.size() == 4 && g.size() == 4 && g[0] <= 1 && g[1] == x[1] && g[2] == 1 && g[3] == 1;
    };
    if (!gates(a, b) && !gates(b, a))
      throw node_error(
          node, "inputs of shapes " + dims_text(a) + " and " + dims_text(b) + " are not supported" + allowed);
    const int x = gates(a, b) ? 0 : 1;
    add_layer(node, index, {{"kind", "mul"}, {"inputs", {ref(value(node, x)), ref(value(node, 1 - x))}}});
  }

  // Fuses `a` into the layer producing node.input(0); the output is the layer's.
  void fuse_activation(const onnx::NodeProto& node, Activation a, const std::string& output, int x_uses) {
    const OnnxValue& x = value(node, 0);
    // Only this node (and, for x_uses 2, its Mul) reads the layer's output.
    auto up = upstream_alone_.find(node.input(0));
    const bool alone = x.layer != kNetworkInput && tensors_.uses(node.input(0)) == x_uses &&
                       up != upstream_alone_.end() && up->second;
    if (!alone) {
      if (a == Activation::kRelu) {
        pass_through(node, x);  // free and shape-preserving: the task graph is the same
        return;
      }
      throw node_error(node,
                       std::string("activation ") + activation_name(a) +
                           " must follow the only use of a conv, pool, fc or add output, where it is fused");
    }
    json& layer = layers_[static_cast<std::size_t>(x.layer)];
    const std::string before = layer.value("activation", "none");
    if (before != "none" && !(before == "relu" && a == Activation::kRelu))
      throw node_error(node, "a second activation (" + std::string(activation_name(a)) + " after " + before +
                                 ") on one layer is not supported");
    layer["activation"] = activation_name(a);
    tensors_.set_value(output, {x.layer, tensors_.uses(output) == 1});
    upstream_alone_[output] = true;
  }

  // Sigmoid / HardSigmoid; followed by a Mul with their own input, x * sigmoid(x)
  // is SiLU and x * hardsigmoid(x) HardSwish, fused as one activation.
  void import_gate(const onnx::NodeProto& node, Activation alone, Activation times_x) {
    const onnx::NodeProto* mul = tensors_.only_consumer(node.output(0));
    if (mul && mul->op_type() == "Mul" && mul->input_size() == 2) {
      const int other = mul->input(0) == node.output(0) ? 1 : 0;
      if (mul->input(other) == node.input(0) && mul->input(1 - other) == node.output(0)) {
        fuse_activation(node, times_x, mul->output(0), 2);
        fused_.insert(mul);
        return;
      }
    }
    fuse_activation(node, alone, node.output(0), 1);
  }

  void import_activation(const onnx::NodeProto& node, int) {
    const std::string& op = node.op_type();
    if (op == "Relu") return fuse_activation(node, Activation::kRelu, node.output(0), 1);
    if (op == "Sigmoid") return import_gate(node, Activation::kSigmoid, Activation::kSilu);
    if (op == "HardSwish") return fuse_activation(node, Activation::kHardSwish, node.output(0), 1);
    if (op == "HardSigmoid") {
      check_hardsigmoid(node, tensors_);
      return import_gate(node, Activation::kHardSigmoid, Activation::kHardSwish);
    }
    return fuse_activation(node, clip_activation(node, tensors_), node.output(0), 1);  // Clip
  }

  Dims reshape_target(const onnx::NodeProto& node) const { return onnx_reshape_target(node, tensors_); }

  void import_flatten(const onnx::NodeProto& node, int) {
    if (node.op_type() == "Reshape" && onnx_shape(node.output(0)).empty())
      tensors_.set_shape(node.output(0), reshape_target(node));
    const Dims out = onnx_shape(node.output(0));
    if (out.size() != 2 || out[0] > 1 || out[1] != item_elements(onnx_shape(node.input(0))))
      throw node_error(node, "only flattening to [1, N] is supported, got output shape " + dims_text(out));
    pass_through(node, value(node, 0));
  }

  // Concat along channels: a concat layer (a copy, see layer.hpp).
  void import_concat(const onnx::NodeProto& node, int index) {
    check_concat_axis(node, tensors_);
    if (node.input_size() == 1) return pass_through(node, value(node, 0));
    json inputs = json::array();
    std::set<int> seen;
    for (int i = 0; i < node.input_size(); ++i) {
      const OnnxValue& v = value(node, i);
      if (!seen.insert(v.layer).second)
        throw node_error(node, "concatenates a tensor with itself, which the network model cannot express");
      inputs.push_back(ref(v));
    }
    add_layer(node, index, {{"kind", "concat"}, {"inputs", inputs}});
  }

  // Channels [begin, end) of the input as a slice layer; the whole tensor passes through.
  void add_slice(const onnx::NodeProto& node, int index, Range channels, int output) {
    const OnnxValue& x = value(node, 0);
    if (channels.begin == 0 && channels.end == onnx_shape(node.input(0))[1] && output == 0)
      return pass_through(node, x);
    add_layer(node, index,
              {{"kind", "slice"}, {"inputs", ref(x)}, {"channels", {channels.begin, channels.end}}}, output);
  }

  void import_split(const onnx::NodeProto& node, int index) {
    const std::vector<Range> parts = onnx_split_channels(node, tensors_);
    for (int k = 0; k < node.output_size(); ++k)
      if (!node.output(k).empty() && tensors_.uses(node.output(k)) > 0)
        add_slice(node, index, parts[static_cast<std::size_t>(k)], k);
  }

  // BatchNormalization: folded into a conv or fc whose output only it reads
  // (scale and shift merge into weights and bias); elsewhere (after a concat,
  // a pool, an add, an activated layer) a per-channel affine y = s * x + b,
  // which is exactly a depthwise 1 x 1 conv (2 weights per channel).
  void import_batchnorm(const onnx::NodeProto& node, int index) {
    tensors_.require_unused_outputs(node, 1);
    const OnnxValue& x = value(node, 0);
    auto up = upstream_alone_.find(node.input(0));
    if (x.layer != kNetworkInput && tensors_.uses(node.input(0)) == 1 && up != upstream_alone_.end() &&
        up->second) {
      const json& producer = layers_[static_cast<std::size_t>(x.layer)];
      const std::string kind = producer["kind"].get<std::string>();
      if ((kind == "conv" || kind == "fc") && producer.value("activation", "none") == "none")
        return pass_through(node, x);
    }
    const Shape in = to_hwc(onnx_shape(node.input(0)), label(node), false);
    add_layer(
        node, index,
        {{"kind", "conv"}, {"inputs", ref(x)}, {"kernel", {1, 1}}, {"out_channels", in.c}, {"groups", in.c}});
  }

  // Reshape: a channel shuffle's (its 5-D start, or its Reshape back), else a flatten.
  void import_reshape(const onnx::NodeProto& node, int index) {
    auto back = shuffles_.find(&node);
    if (back != shuffles_.end()) {
      const Dims in = onnx_shape(back->second.first->input(0));
      if (reshape_target(node) != in)
        throw node_error(node, "a channel shuffle must reshape back to its input shape " + dims_text(in) +
                                   ", got " + dims_text(reshape_target(node)));
      const OnnxValue& x = value(*back->second.first, 0);
      add_layer(node, index, {{"kind", "shuffle"}, {"inputs", ref(x)}, {"groups", back->second.second}});
      return;
    }
    const OnnxShuffle s = find_onnx_shuffle(node, tensors_);
    if (!s.transpose) return import_flatten(node, index);
    value(node, 0);  // a computed tensor
    const Dims in = onnx_shape(node.input(0));
    tensors_.set_shape(s.transpose->output(0), {in[0], in[1] / s.groups, s.groups, in[2], in[3]});
    fused_.insert(s.transpose);
    shuffles_[s.reshape_back] = {&node, s.groups};
  }

  void import_node(const onnx::NodeProto& node, int index) {
    const std::string& op = node.op_type();
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      throw node_error(node, "operator domain '" + node.domain() +
                                 "' is not supported; supported: " + supported_onnx_ops());
    if (fused_.count(&node)) return;  // the Mul of a fused SiLU / HardSwish
    if (fold_constant_node(tensors_, node)) return;
    if (onnx_fold_only_op(op))
      throw node_error(node, "is supported on constants only (it is folded at import time), but input '" +
                                 node.input(0) + "' is computed by the network");
    using Import = void (Importer::*)(const onnx::NodeProto&, int);
    static const std::map<std::string, Import> imports = {
        {"Conv", &Importer::import_conv},
        {"MaxPool", &Importer::import_maxpool},
        {"AveragePool", &Importer::import_avgpool},
        {"GlobalAveragePool", &Importer::import_global_avgpool},
        {"GlobalMaxPool", &Importer::import_global_maxpool},
        {"Gemm", &Importer::import_gemm},
        {"MatMul", &Importer::import_matmul},
        {"Add", &Importer::import_add},
        {"Mul", &Importer::import_mul},
        {"Pad", &Importer::import_pad},
        {"Relu", &Importer::import_activation},
        {"Clip", &Importer::import_activation},
        {"Sigmoid", &Importer::import_activation},
        {"HardSigmoid", &Importer::import_activation},
        {"HardSwish", &Importer::import_activation},
        {"ReduceMean", &Importer::import_reduce_mean},
        {"Softmax", &Importer::import_softmax},
        {"LogSoftmax", &Importer::import_softmax},
        {"Flatten", &Importer::import_flatten},
        {"Reshape", &Importer::import_reshape},
        {"Concat", &Importer::import_concat},
        {"Split", &Importer::import_split},
        {"Slice", &Importer::import_slice},
        {"Transpose", &Importer::refuse_transpose},
        {"BatchNormalization", &Importer::import_batchnorm},
        {"Identity", &Importer::import_identity},
        {"Dropout", &Importer::import_identity}};
    const auto it = imports.find(op);
    if (it == imports.end())
      throw node_error(node, "unsupported operator; supported: " + supported_onnx_ops());
    (this->*it->second)(node, index);
  }

  void import_maxpool(const onnx::NodeProto& node, int index) { import_pool(node, index, "maxpool"); }
  void import_avgpool(const onnx::NodeProto& node, int index) { import_pool(node, index, "avgpool"); }
  void import_global_avgpool(const onnx::NodeProto& node, int index) {
    import_global_pool(node, index, "avgpool");
  }
  void import_global_maxpool(const onnx::NodeProto& node, int index) {
    import_global_pool(node, index, "maxpool");
  }
  void import_gemm(const onnx::NodeProto& node, int index) { import_fc(node, index, true); }
  void import_matmul(const onnx::NodeProto& node, int index) { import_fc(node, index, false); }
  void import_slice(const onnx::NodeProto& node, int index) {
    add_slice(node, index, onnx_slice_channels(node, tensors_), 0);
  }
  void import_identity(const onnx::NodeProto& node, int) {
    tensors_.require_unused_outputs(node, 1);
    pass_through(node, value(node, 0));
  }
  void refuse_transpose(const onnx::NodeProto& node, int) {
    throw node_error(node,
                     "is supported only inside a channel shuffle (Reshape to N x g x C/g x H x W, "
                     "Transpose 0 2 1 3 4, Reshape back)");
  }

  // Over H and W only: a global average pool (keepdims 0 gives [1, C], the same 1 x 1 x C).
  void import_reduce_mean(const onnx::NodeProto& node, int index) {
    Dims axes = ints_attribute(node, "axes", {});
    if (node.input_size() > 1 && !node.input(1).empty()) {
      const OnnxConstant* c = tensors_.constant_value(node.input(1));
      if (!c || !c->known) throw node_error(node, "needs constant axes");
      axes.assign(c->values.begin(), c->values.end());
    }
    for (auto& a : axes)
      if (a < 0) a += 4;
    std::sort(axes.begin(), axes.end());
    if (axes != Dims{2, 3})
      throw node_error(node, "only the mean over H and W (axes [2, 3]), a global average pool, is supported");
    import_global_pool(node, index, "avgpool");
  }

  // Only as the network's last step: it keeps the order of the scores, so the
  // schedule model leaves it out (no layer, no cost) and the network outputs
  // are the scores before it.
  void import_softmax(const onnx::NodeProto& node, int) {
    bool output = false;
    for (const auto& o : graph_.output()) output = output || o.name() == node.output(0);
    if (!output || tensors_.uses(node.output(0)) != 1)  // the graph output is its one use
      throw node_error(node, "is supported only as the last operator, on a graph output");
    pass_through(node, value(node, 0));
  }

  // Maps "layers[3].kernel" back to the node that made layer 3.
  std::string label_of_field(const std::string& field) const {
    const std::string prefix = "layers[";
    if (field.compare(0, prefix.size(), prefix) != 0) return field;
    const std::size_t i = std::stoul(field.substr(prefix.size()));
    return i < labels_.size() ? labels_[i] : field;
  }

  // The layer geometry must reproduce ONNX's own shape inference.
  void check_shapes(const Network& net) const {
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
      const Dims& d = expected_[i];
      if (d.empty()) continue;  // shape inference left it open
      const Shape onnx = to_hwc(d, labels_[i], false);
      if (onnx != net.layers[i].out)
        throw InputError(path_, labels_[i],
                         "output shape " + net.layers[i].out.to_string() +
                             " (H x W x C) differs from ONNX's " + dims_text(d) +
                             "; this geometry is not supported");
    }
  }

  std::string path_;
  const onnx::GraphProto& graph_;
  OnnxImportOptions options_;
  OnnxTensors tensors_;
  std::set<std::string> taken_;                 // layer names
  std::map<std::string, bool> upstream_alone_;  // per tensor: no other reader between it and its layer
  std::set<const onnx::NodeProto*> fused_;      // nodes fused into an earlier activation or a shuffle
  std::map<std::string, std::pair<std::string, Dims>> pads_;  // Pad outputs: its input, its padding
  // A channel shuffle's Reshape back -> its 5-D Reshape and the group count.
  std::map<const onnx::NodeProto*, std::pair<const onnx::NodeProto*, std::int64_t>> shuffles_;
  Shape input_;
  json layers_ = json::array();
  std::vector<std::string> labels_;  // per layer, its node
  std::vector<Dims> expected_;       // per layer, ONNX's inferred output shape
};

}  // namespace

bool onnx_import_available() { return true; }

Network import_onnx(const std::string& path, const OnnxImportOptions& options) {
  if (options.element_bytes < 1 || options.element_bytes > 64)
    throw InputError(path, "element_bytes", "must be between 1 and 64");
  onnx::ModelProto model = read_onnx_model(path);
  // Each round knows the shapes up to the next computed target (ShuffleNet: one per unit).
  for (int round = 0; round < 256 && pin_folded_shape_inputs(path, model); ++round)
    infer_onnx_shapes(path, model);
  return Importer(path, model.graph(), options).run();
}

}  // namespace cnnsched

#else  // no libonnx

namespace cnnsched {

bool onnx_import_available() { return false; }

Network import_onnx(const std::string& path, const OnnxImportOptions&) {
  throw InputError(path, "",
                   "built without ONNX support (install libonnx-dev and libprotobuf-dev, then reconfigure)");
}

}  // namespace cnnsched

#endif
