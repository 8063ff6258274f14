#include <map>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/network/layer_fields.hpp>
#include <cnnsched/sched/network/network.hpp>

namespace cnnsched {

namespace {

// Generous bounds that keep every product of sizes far from int64 overflow
// (kMaxExtent, per dimension, in layer_fields.hpp).
constexpr std::int64_t kMaxElements = std::int64_t{1} << 40;
// The whole network's work and data: with clocks of at least 1 MHz
// (platform_io.cpp) every task time and schedule stays far below 2^63 ps.
constexpr std::int64_t kMaxWork = std::int64_t{1} << 40;  // MACs, and bytes of tensors plus weights

// a * b * c, saturated above kMaxWork (the factors are >= 0 and below 2^41).
std::int64_t capped_product(std::int64_t a, std::int64_t b, std::int64_t c = 1) {
  const __int128 p = static_cast<__int128>(a) * b * c;
  return p > kMaxWork ? kMaxWork + 1 : static_cast<std::int64_t>(p);
}

// Adds the layer's MACs and weight and output bytes to the network's totals;
// throws when a total passes kMaxWork. Runs before anything multiplies these
// sizes in int64 (Layer::weight_elements, the tile graph's costs).
void add_work(const Layer& layer, const Network& net, const JsonFields& f, std::int64_t& macs,
              std::int64_t& bytes) {
  std::int64_t per_output = 1, weights = 0;
  switch (layer.kind) {
    case LayerKind::kConv:
      per_output = capped_product(layer.kernel.h, layer.kernel.w, layer.in.c / layer.groups);
      weights = capped_product(per_output, layer.out.c);
      break;
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
      per_output = capped_product(layer.kernel.h, layer.kernel.w);
      break;
    case LayerKind::kFc:
      per_output = layer.in.elements();
      weights = capped_product(per_output, layer.out.c);
      break;
    case LayerKind::kAdd:
    case LayerKind::kMul:
    case LayerKind::kConcat:
    case LayerKind::kSlice:
    case LayerKind::kShuffle:
      break;
  }
  macs += capped_product(layer.out.elements(), per_output);
  bytes += capped_product(weights + layer.out.c + layer.out.elements(), net.element_bytes);
  if (macs > kMaxWork)
    throw f.error("",
                  "the network needs more than 2^40 multiply-accumulates up to this layer; "
                  "the model supports at most 2^40 (about 1.1e12)");
  if (bytes > kMaxWork)
    throw f.error("",
                  "the network's tensors and weights up to this layer exceed 2^40 bytes, the most "
                  "the model supports");
}

const char* const kKindList = "conv, maxpool, avgpool, fc, add, mul, concat, slice, shuffle";

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char ch : name) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '-' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

// "activation" (one of activation_name's spellings) or the older "relu": true.
Activation parse_activation(const JsonFields& f) {
  const bool relu = f.optional_bool("relu", false);
  const std::string name = f.optional_string("activation", relu ? "relu" : "none");
  const Activation all[] = {Activation::kNone,    Activation::kRelu,        Activation::kRelu6,
                            Activation::kSigmoid, Activation::kHardSigmoid, Activation::kHardSwish,
                            Activation::kSilu};
  for (Activation a : all)
    if (name == activation_name(a)) {
      if (relu && a != Activation::kRelu)
        throw f.error("relu", "\"relu\": true contradicts \"activation\": \"" + name + "\"");
      return a;
    }
  throw f.error("activation", "unknown activation '" + name +
                                  "'; allowed: none, relu, relu6, sigmoid, hardsigmoid, hardswish, silu");
}

LayerKind parse_kind(const JsonFields& f) {
  const std::string kind = f.required_string("kind");
  if (kind == "conv") return LayerKind::kConv;
  if (kind == "maxpool") return LayerKind::kMaxPool;
  if (kind == "avgpool") return LayerKind::kAvgPool;
  if (kind == "fc") return LayerKind::kFc;
  if (kind == "add") return LayerKind::kAdd;
  if (kind == "mul") return LayerKind::kMul;
  if (kind == "concat") return LayerKind::kConcat;
  if (kind == "slice") return LayerKind::kSlice;
  if (kind == "shuffle") return LayerKind::kShuffle;
  throw f.error("kind", "unknown layer kind '" + kind + "'; allowed: " + kKindList);
}

Slices read_slices(const JsonFields& f) {
  if (!f.has("slices")) return {};
  const auto v = f.int_array("slices", 3, 1, false);
  for (std::size_t i = 0; i < 3; ++i)
    if (v[i] > kMaxExtent)
      throw f.error("slices[" + std::to_string(i) + "]", "must be at most " + std::to_string(kMaxExtent));
  return {static_cast<int>(v[0]), static_cast<int>(v[1]), static_cast<int>(v[2])};
}

std::string slices_text(const Slices& s) {
  return "[" + std::to_string(s.rows) + ", " + std::to_string(s.cols) + ", " + std::to_string(s.channels) +
         "]";
}

// Resolves the input names of layer `index` against the layers before it.
std::vector<int> read_inputs(const JsonFields& f, int index, const std::map<std::string, int>& earlier,
                             const std::map<std::string, int>& all, const Network& net) {
  if (!f.has("inputs")) return {index == 0 ? kNetworkInput : index - 1};
  std::vector<int> ids;
  const auto names = f.string_list("inputs");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    const std::string field = "inputs" + (f.json()["inputs"].is_array() ? "[" + std::to_string(i) + "]" : "");
    if (n == "input") {
      ids.push_back(kNetworkInput);
      continue;
    }
    auto it = earlier.find(n);
    if (it != earlier.end()) {
      ids.push_back(it->second);
      continue;
    }
    auto later = all.find(n);
    if (later != all.end() && later->second == index)
      throw f.error(field, "layer '" + n + "' cannot be its own input (the network must be acyclic)");
    if (later != all.end())
      throw f.error(field, "layer '" + n +
                               "' is defined later in the file; every input must be \"input\" or an earlier "
                               "layer (the network must be acyclic)");
    std::string known = "\"input\"";
    for (int l = 0; l < index; ++l) known += ", " + net.layers[static_cast<std::size_t>(l)].name;
    throw f.error(field, "unknown layer '" + n + "'; allowed: " + known);
  }
  return ids;
}

Shape read_input_shape(const JsonFields& input) {
  const auto v = input.int_array("shape", 3, 1, false);
  for (std::size_t i = 0; i < 3; ++i)
    if (v[i] > kMaxExtent)
      throw input.error("shape[" + std::to_string(i) + "]", "must be at most " + std::to_string(kMaxExtent));
  Shape s{v[0], v[1], v[2]};
  if (s.elements() > kMaxElements) throw input.error("shape", "the input tensor is too large");
  return s;
}

}  // namespace

void check_slices(const Slices& slices, const Shape& shape, const std::string& source,
                  const std::string& field) {
  const std::int64_t counts[3] = {slices.rows, slices.cols, slices.channels};
  const std::int64_t extents[3] = {shape.h, shape.w, shape.c};
  const char* dims[3] = {"rows", "cols", "channels"};
  const char* dim[3] = {"row", "col", "channel"};
  for (int i = 0; i < 3; ++i) {
    if (counts[i] < 1)
      throw InputError(source, field, std::string("slice counts must be >= 1, got ") + slices_text(slices));
    if (counts[i] > extents[i])
      throw InputError(source, field,
                       "slices " + slices_text(slices) + " cut " + std::to_string(extents[i]) + " " +
                           dims[i] + " into " + std::to_string(counts[i]) + " (the tensor is " +
                           shape.to_string() + "): a tile would be empty (at most one slice per " + dim[i] +
                           ")");
  }
}

void check_layer_slices(const Layer& layer, const std::string& source, const std::string& field) {
  check_layer_slices(layer, source, field, layer.slices);
}

void check_layer_slices(const Layer& layer, const std::string& source, const std::string& field,
                        const Slices& slices) {
  if (layer.kind == LayerKind::kShuffle && slices.channels != 1)
    throw InputError(
        source, field,
        "slices " + slices_text(slices) + " of shuffle layer '" + layer.name +
            "' cut its channels; a channel shuffle takes one channel slice (each output channel "
            "slice would read input channels spread over the whole tensor), use [rows, cols, 1]");
}

int Network::find(const std::string& layer) const {
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (layers[i].name == layer) return static_cast<int>(i);
  return -1;
}

std::vector<std::vector<int>> Network::consumers() const {
  std::vector<std::vector<int>> out(layers.size());
  for (std::size_t i = 0; i < layers.size(); ++i)
    for (int in : layers[i].inputs)
      if (in != kNetworkInput) out[static_cast<std::size_t>(in)].push_back(static_cast<int>(i));
  return out;
}

void Network::set_slices(const std::string& layer, Slices slices, const std::string& from) {
  const std::string src = from.empty() ? source : from;
  if (layer == "input") {
    check_slices(slices, input_shape, src, "input.slices");
    input_slices = slices;
    return;
  }
  const int i = find(layer);
  if (i < 0) {
    std::string known = "input";
    for (const Layer& l : layers) known += ", " + l.name;
    throw InputError(src, layer + ".slices",
                     "network '" + name + "' has no layer '" + layer + "'; layers: " + known);
  }
  const std::string field = from.empty() ? "layers[" + std::to_string(i) + "].slices" : layer + ".slices";
  check_slices(slices, layers[static_cast<std::size_t>(i)].out, src, field);
  check_layer_slices(layers[static_cast<std::size_t>(i)], src, field, slices);
  layers[static_cast<std::size_t>(i)].slices = slices;
}

Network parse_network(const nlohmann::json& config, const std::string& source) {
  const JsonFields root(config, source);
  root.allow_only({"name", "element_bytes", "input", "layers", "comment"});
  Network net;
  net.source = source;
  net.name = root.optional_string("name", "network");
  net.element_bytes = root.optional_positive_int("element_bytes", 1);
  if (net.element_bytes > 64) throw root.error("element_bytes", "must be between 1 and 64");

  const JsonFields input = root.object("input");
  input.allow_only({"shape", "slices", "comment"});
  net.input_shape = read_input_shape(input);
  net.input_slices = read_slices(input);
  check_slices(net.input_slices, net.input_shape, source, input.field("slices"));

  const auto layer_fields = root.objects("layers");
  if (layer_fields.empty()) throw root.error("layers", "must list at least one layer");
  // Every name first, so a forward reference is reported as such.
  std::map<std::string, int> all;
  for (std::size_t i = 0; i < layer_fields.size(); ++i) {
    const JsonFields& f = layer_fields[i];
    const std::string name = f.required_string("name");
    if (!valid_name(name) || name == "input")
      throw f.error("name", "'" + name +
                                "' is not a valid layer name; use letters, digits, '_', '-', '.' (\"input\" "
                                "is reserved)");
    if (!all.emplace(name, static_cast<int>(i)).second)
      throw f.error("name",
                    "duplicate layer name '" + name + "' (also layers[" + std::to_string(all[name]) + "])");
  }

  std::map<std::string, int> earlier;
  std::int64_t macs = 0, bytes = net.tensor_bytes(net.input_shape);
  for (std::size_t i = 0; i < layer_fields.size(); ++i) {
    const JsonFields& f = layer_fields[i];
    Layer layer;
    layer.name = f.required_string("name");
    layer.kind = parse_kind(f);
    layer.activation = parse_activation(f);
    layer.inputs = read_inputs(f, static_cast<int>(i), earlier, all, net);
    check_input_count(layer, f);
    const int first = layer.inputs[0];
    layer.in = first == kNetworkInput ? net.input_shape : net.layers[static_cast<std::size_t>(first)].out;
    read_layer_fields(layer, f, net);
    if (layer.out.elements() > kMaxElements) throw f.error("", "the output tensor is too large");
    add_work(layer, net, f, macs, bytes);
    layer.slices = read_slices(f);
    check_slices(layer.slices, layer.out, source, f.field("slices"));
    check_layer_slices(layer, source, f.field("slices"));
    earlier.emplace(layer.name, static_cast<int>(i));
    net.layers.push_back(std::move(layer));
  }
  return net;
}

Network load_network(const std::string& path) { return parse_network(read_json_file(path), path); }

}  // namespace cnnsched
