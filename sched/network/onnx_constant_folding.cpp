#ifdef CNNSCHED_HAVE_ONNX
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>

#include <cnnsched/sched/network/onnx_constant_folding.hpp>
#include <cnnsched/sched/network/onnx_tensors.hpp>

namespace cnnsched {

namespace {

const char* const kFoldOnlyOps[] = {"Shape", "Gather", "Unsqueeze", "Squeeze", "Cast", "ConstantOfShape",
                                    "Range", "Sub",    "Div",       "Floor",   "Ceil", "Sqrt",
                                    "Neg",   "Abs"};
// Also folded when constant, but layers (or pass-throughs) otherwise.
const char* const kAlsoFoldedOps[] = {"Constant", "Identity", "Concat", "Reshape", "Slice", "Add", "Mul"};

using Values = std::vector<double>;

bool integer_type(int type) {
  switch (type) {
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::INT16:
    case onnx::TensorProto::UINT16:
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::UINT32:
    case onnx::TensorProto::INT64:
    case onnx::TensorProto::UINT64:
    case onnx::TensorProto::BOOL:
      return true;
    default:
      return false;
  }
}

// Row-major strides of dims.
OnnxDims strides_of(const OnnxDims& d) {
  OnnxDims s(d.size(), 1);
  for (std::size_t i = d.size(); i-- > 1;) s[i - 1] = s[i] * d[i];
  return s;
}

// Calls f(flat output index, multi-index) for every element of dims.
void for_each_index(const OnnxDims& dims, const std::function<void(std::int64_t, const OnnxDims&)>& f) {
  const std::int64_t n = onnx_element_count(dims);
  OnnxDims idx(dims.size(), 0);
  for (std::int64_t flat = 0; flat < n; ++flat) {
    f(flat, idx);
    for (std::size_t k = dims.size(); k-- > 0;) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
    }
  }
}

std::int64_t normalise_axis(std::int64_t axis, std::size_t rank) {
  return axis < 0 ? axis + static_cast<std::int64_t>(rank) : axis;
}

class Folder {
 public:
  Folder(OnnxTensors& tensors, const onnx::NodeProto& node) : t_(tensors), node_(node) {}

  bool run() {
    const std::string& op = node_.op_type();
    if (op == "Constant") return set(constant_attribute());
    if (op == "Shape") return fold_shape();
    for (int i = 0; i < node_.input_size(); ++i)
      if (!node_.input(i).empty() && !t_.is_constant(node_.input(i))) return false;
    OnnxConstant out;
    if (all_inputs_known() && evaluate(op, out)) return set(out);
    // Values unknown (too large, or an unread type): keep the inferred shape.
    return set({t_.shape(node_.output(0)), {}, false});
  }

 private:
  const OnnxConstant& in(int i) const { return *t_.constant_value(node_.input(i)); }
  bool has_input(int i) const { return i < node_.input_size() && !node_.input(i).empty(); }
  bool all_inputs_known() const {
    for (int i = 0; i < node_.input_size(); ++i)
      if (has_input(i) && !in(i).known) return false;
    return true;
  }
  InputError error(const std::string& problem) const { return t_.node_error(node_, problem); }

  bool set(OnnxConstant c) {
    if (c.known && static_cast<std::int64_t>(c.values.size()) != onnx_element_count(c.dims))
      throw error("folding it as a constant gave " + std::to_string(c.values.size()) + " values for shape " +
                  dims_text(c.dims));
    t_.set_constant(node_.output(0), std::move(c));
    return true;
  }

  OnnxConstant constant_attribute() const {
    for (const auto& a : node_.attribute()) {
      if (a.name() == "value") return decode_onnx_tensor(t_.path(), a.t());
      if (a.name() == "value_float") return {{}, {a.f()}, true};
      if (a.name() == "value_int") return {{}, {static_cast<double>(a.i())}, true};
      if (a.name() == "value_floats")
        return {{a.floats_size()}, Values(a.floats().begin(), a.floats().end()), true};
      if (a.name() == "value_ints") {
        Values v;
        for (auto x : a.ints()) v.push_back(static_cast<double>(x));
        return {{a.ints_size()}, v, true};
      }
    }
    throw error("needs a 'value' attribute (value, value_float(s) or value_int(s))");
  }

  bool fold_shape() {
    const OnnxDims d = t_.is_constant(node_.input(0)) ? in(0).dims : t_.shape(node_.input(0));
    if (d.empty() && !t_.is_constant(node_.input(0))) return false;
    for (std::int64_t x : d)
      if (x < 0) return false;  // left open by inference: not a constant
    const auto rank = static_cast<std::int64_t>(d.size());
    auto clamp = [&](std::int64_t v) { return std::clamp(v < 0 ? v + rank : v, std::int64_t{0}, rank); };
    const std::int64_t b = clamp(int_attribute(node_, "start", 0));
    const std::int64_t e = clamp(int_attribute(node_, "end", rank));
    Values v;
    for (std::int64_t i = b; i < e; ++i) v.push_back(static_cast<double>(d[static_cast<std::size_t>(i)]));
    return set({{static_cast<std::int64_t>(v.size())}, v, true});
  }

  // Integers of input i (axes, shapes, indices).
  OnnxDims ints_of(int i) const {
    OnnxDims r;
    for (double v : in(i).values) r.push_back(static_cast<std::int64_t>(v));
    return r;
  }
  OnnxDims axes(int input) const {
    return has_input(input) ? ints_of(input) : ints_attribute(node_, "axes", {});
  }

  bool evaluate(const std::string& op, OnnxConstant& out) const {
    if (op == "Identity") return out = in(0), true;
    if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") return binary(op, out);
    if (op == "Floor" || op == "Ceil" || op == "Sqrt" || op == "Neg" || op == "Abs") return unary(op, out);
    if (op == "Cast") return cast(out);
    if (op == "Unsqueeze" || op == "Squeeze") return squeeze(op == "Unsqueeze", out);
    if (op == "Reshape") return reshape(out);
    if (op == "Gather") return gather(out);
    if (op == "Concat") return concat(out);
    if (op == "Slice") return slice(out);
    if (op == "ConstantOfShape") return constant_of_shape(out);
    if (op == "Range") return range(out);
    return false;
  }

  bool binary(const std::string& op, OnnxConstant& out) const {
    const OnnxConstant& a = in(0);
    const OnnxConstant& b = in(1);
    const std::size_t rank = std::max(a.dims.size(), b.dims.size());
    OnnxDims da(rank - a.dims.size(), 1), db(rank - b.dims.size(), 1);
    da.insert(da.end(), a.dims.begin(), a.dims.end());
    db.insert(db.end(), b.dims.begin(), b.dims.end());
    out.dims.resize(rank);
    for (std::size_t k = 0; k < rank; ++k) {
      if (da[k] != db[k] && da[k] != 1 && db[k] != 1)
        throw error("cannot broadcast constant shapes " + dims_text(a.dims) + " and " + dims_text(b.dims));
      out.dims[k] = da[k] == 1 ? db[k] : da[k];
    }
    if (onnx_element_count(out.dims) > kMaxFoldedElements) return false;
    const OnnxDims sa = strides_of(da), sb = strides_of(db);
    const bool integer = integer_input(0) && integer_input(1);
    out.values.resize(static_cast<std::size_t>(onnx_element_count(out.dims)));
    for_each_index(out.dims, [&](std::int64_t flat, const OnnxDims& idx) {
      std::int64_t ia = 0, ib = 0;
      for (std::size_t k = 0; k < rank; ++k) {
        ia += (da[k] == 1 ? 0 : idx[k]) * sa[k];
        ib += (db[k] == 1 ? 0 : idx[k]) * sb[k];
      }
      const double x = a.values[static_cast<std::size_t>(ia)], y = b.values[static_cast<std::size_t>(ib)];
      double r = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y;
      if (op == "Div" && integer) {
        if (y == 0) throw error("divides a constant by zero");
        r = std::trunc(r);
      }
      out.values[static_cast<std::size_t>(flat)] = r;
    });
    out.known = true;
    return true;
  }

  bool integer_input(int i) const {
    // Inputs that come from Shape or integer initializers hold whole numbers.
    for (double v : in(i).values)
      if (v != std::floor(v)) return false;
    return true;
  }

  bool unary(const std::string& op, OnnxConstant& out) const {
    out = in(0);
    for (double& v : out.values)
      v = op == "Floor"  ? std::floor(v)
          : op == "Ceil" ? std::ceil(v)
          : op == "Sqrt" ? std::sqrt(v)
          : op == "Neg"  ? -v
                         : std::fabs(v);
    return true;
  }

  bool cast(OnnxConstant& out) const {
    out = in(0);
    const auto to = static_cast<int>(int_attribute(node_, "to", onnx::TensorProto::FLOAT));
    for (double& v : out.values) {
      if (to == onnx::TensorProto::BOOL)
        v = v != 0;
      else if (integer_type(to))
        v = std::trunc(v);
      else if (to == onnx::TensorProto::FLOAT)
        v = static_cast<float>(v);
    }
    return true;
  }

  bool squeeze(bool unsqueeze, OnnxConstant& out) const {
    out = in(0);
    OnnxDims ax = axes(1);
    if (unsqueeze) {
      const std::size_t rank = out.dims.size() + ax.size();
      for (auto& a : ax) a = normalise_axis(a, rank);
      std::sort(ax.begin(), ax.end());
      for (std::int64_t a : ax) {
        if (a < 0 || a > static_cast<std::int64_t>(out.dims.size())) throw error("axis out of range");
        out.dims.insert(out.dims.begin() + a, 1);
      }
      return true;
    }
    OnnxDims kept;
    for (std::size_t k = 0; k < out.dims.size(); ++k) {
      const bool listed =
          ax.empty() ? out.dims[k] == 1 : std::any_of(ax.begin(), ax.end(), [&](std::int64_t a) {
            return normalise_axis(a, out.dims.size()) == static_cast<std::int64_t>(k);
          });
      if (!listed) kept.push_back(out.dims[k]);
    }
    out.dims = kept;
    return true;
  }

  bool reshape(OnnxConstant& out) const {
    out = in(0);
    OnnxDims shape = ints_of(1);
    const std::int64_t n = static_cast<std::int64_t>(out.values.size());
    std::int64_t known = 1, open = -1;
    for (std::size_t k = 0; k < shape.size(); ++k) {
      if (shape[k] == 0 && k < in(0).dims.size()) shape[k] = in(0).dims[k];
      if (shape[k] == -1) {
        if (open >= 0) throw error("the shape has more than one -1");
        open = static_cast<std::int64_t>(k);
      } else {
        known *= shape[k];
      }
    }
    if (open >= 0 && known > 0) shape[static_cast<std::size_t>(open)] = n / known;
    if (onnx_element_count(shape) != n)
      throw error("cannot reshape " + dims_text(in(0).dims) + " to " + dims_text(shape));
    out.dims = shape;
    return true;
  }

  bool gather(OnnxConstant& out) const {
    const OnnxConstant& data = in(0);
    const OnnxConstant& idx = in(1);
    const std::int64_t axis = normalise_axis(int_attribute(node_, "axis", 0), data.dims.size());
    if (axis < 0 || axis >= static_cast<std::int64_t>(data.dims.size())) throw error("axis out of range");
    const auto a = static_cast<std::size_t>(axis);
    OnnxDims outer(data.dims.begin(), data.dims.begin() + axis),
        inner(data.dims.begin() + axis + 1, data.dims.end());
    const std::int64_t n_outer = onnx_element_count(outer), n_inner = onnx_element_count(inner);
    out.dims = outer;
    out.dims.insert(out.dims.end(), idx.dims.begin(), idx.dims.end());
    out.dims.insert(out.dims.end(), inner.begin(), inner.end());
    for (std::int64_t o = 0; o < n_outer; ++o)
      for (double iv : idx.values) {
        auto i = static_cast<std::int64_t>(iv);
        if (i < 0) i += data.dims[a];
        if (i < 0 || i >= data.dims[a]) throw error("index " + std::to_string(i) + " out of range");
        for (std::int64_t r = 0; r < n_inner; ++r)
          out.values.push_back(data.values[static_cast<std::size_t>((o * data.dims[a] + i) * n_inner + r)]);
      }
    out.known = true;
    return true;
  }

  bool concat(OnnxConstant& out) const {
    const OnnxConstant& first = in(0);
    const std::int64_t axis = normalise_axis(int_attribute(node_, "axis", 0), first.dims.size());
    if (axis < 0 || axis >= static_cast<std::int64_t>(first.dims.size())) throw error("axis out of range");
    const auto a = static_cast<std::size_t>(axis);
    out.dims = first.dims;
    out.dims[a] = 0;
    const OnnxDims outer(first.dims.begin(), first.dims.begin() + axis);
    for (int i = 0; i < node_.input_size(); ++i) out.dims[a] += in(i).dims[a];
    for (std::int64_t o = 0; o < onnx_element_count(outer); ++o)
      for (int i = 0; i < node_.input_size(); ++i) {
        const OnnxConstant& c = in(i);
        const std::int64_t chunk = onnx_element_count(OnnxDims(c.dims.begin() + axis, c.dims.end()));
        for (std::int64_t r = 0; r < chunk; ++r)
          out.values.push_back(c.values[static_cast<std::size_t>(o * chunk + r)]);
      }
    out.known = true;
    return true;
  }

  bool slice(OnnxConstant& out) const {
    const OnnxConstant& data = in(0);
    const bool inputs = node_.input_size() > 1;
    const OnnxDims starts = inputs ? ints_of(1) : ints_attribute(node_, "starts", {});
    const OnnxDims ends = inputs ? ints_of(2) : ints_attribute(node_, "ends", {});
    OnnxDims ax = inputs ? (has_input(3) ? ints_of(3) : OnnxDims{}) : ints_attribute(node_, "axes", {});
    const OnnxDims steps = inputs && has_input(4) ? ints_of(4) : OnnxDims(starts.size(), 1);
    if (ax.empty())
      for (std::size_t k = 0; k < starts.size(); ++k) ax.push_back(static_cast<std::int64_t>(k));
    const std::size_t rank = data.dims.size();
    OnnxDims begin(rank, 0), step(rank, 1);
    out.dims = data.dims;
    for (std::size_t k = 0; k < ax.size() && k < starts.size() && k < ends.size(); ++k) {
      const std::int64_t a = normalise_axis(ax[k], rank);
      if (a < 0 || a >= static_cast<std::int64_t>(rank) || steps[k] == 0) throw error("bad axis or step");
      const std::int64_t dim = data.dims[static_cast<std::size_t>(a)];
      auto clamp = [&](std::int64_t v, std::int64_t lo, std::int64_t hi) {
        if (v < 0) v += dim;
        return std::clamp(v, lo, hi);
      };
      const std::int64_t s = steps[k];
      const std::int64_t b = s > 0 ? clamp(starts[k], 0, dim) : clamp(starts[k], -1, dim - 1);
      const std::int64_t e = s > 0 ? clamp(ends[k], 0, dim) : clamp(ends[k], -1, dim - 1);
      const std::int64_t count = s > 0 ? std::max<std::int64_t>(0, (e - b + s - 1) / s)
                                       : std::max<std::int64_t>(0, (b - e - s - 1) / -s);
      begin[static_cast<std::size_t>(a)] = b;
      step[static_cast<std::size_t>(a)] = s;
      out.dims[static_cast<std::size_t>(a)] = count;
    }
    const OnnxDims stride = strides_of(data.dims);
    out.values.resize(static_cast<std::size_t>(onnx_element_count(out.dims)));
    for_each_index(out.dims, [&](std::int64_t flat, const OnnxDims& idx) {
      std::int64_t src = 0;
      for (std::size_t k = 0; k < rank; ++k) src += (begin[k] + idx[k] * step[k]) * stride[k];
      out.values[static_cast<std::size_t>(flat)] = data.values[static_cast<std::size_t>(src)];
    });
    out.known = true;
    return true;
  }

  bool constant_of_shape(OnnxConstant& out) const {
    out.dims = ints_of(0);
    if (onnx_element_count(out.dims) < 0 || onnx_element_count(out.dims) > kMaxFoldedElements) return false;
    double fill = 0;
    if (const auto* a = find_attribute(node_, "value")) {
      const OnnxConstant v = decode_onnx_tensor(t_.path(), a->t());
      if (v.known && !v.values.empty()) fill = v.values[0];
    }
    out.values.assign(static_cast<std::size_t>(onnx_element_count(out.dims)), fill);
    out.known = true;
    return true;
  }

  bool range(OnnxConstant& out) const {
    const double start = in(0).values.at(0), limit = in(1).values.at(0), delta = in(2).values.at(0);
    if (delta == 0) throw error("delta must not be 0");
    const double n = std::max(0.0, std::ceil((limit - start) / delta));
    if (n > static_cast<double>(kMaxFoldedElements)) return false;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) out.values.push_back(start + i * delta);
    out.dims = {static_cast<std::int64_t>(out.values.size())};
    out.known = true;
    return true;
  }

  OnnxTensors& t_;
  const onnx::NodeProto& node_;
};

}  // namespace

bool onnx_fold_only_op(const std::string& op) {
  return std::any_of(std::begin(kFoldOnlyOps), std::end(kFoldOnlyOps),
                     [&](const char* o) { return op == o; });
}

bool onnx_foldable_op(const std::string& op) {
  return onnx_fold_only_op(op) || std::any_of(std::begin(kAlsoFoldedOps), std::end(kAlsoFoldedOps),
                                              [&](const char* o) { return op == o; });
}

std::string onnx_fold_only_ops() {
  std::string list;
  for (const char* op : kFoldOnlyOps) list += (list.empty() ? "" : ", ") + std::string(op);
  return list;
}

bool fold_constant_node(OnnxTensors& tensors, const onnx::NodeProto& node) {
  if (!onnx_foldable_op(node.op_type())) return false;
  return Folder(tensors, node).run();
}

bool pin_folded_shape_inputs(const std::string& model_path, onnx::ModelProto& model) {
  constexpr std::size_t kMaxPinned = 64;                 // shapes, indices and bounds, not weights
  std::vector<std::tuple<int, int, OnnxConstant>> pins;  // node, input, its value
  {
    OnnxTensors tensors(model_path, model.graph());
    const onnx::GraphProto& g = model.graph();
    std::set<std::string> initializers;
    for (const auto& t : g.initializer()) initializers.insert(t.name());
    for (int i = 0; i < g.node_size(); ++i) {
      const onnx::NodeProto& node = g.node(i);
      try {
        if (fold_constant_node(tensors, node)) continue;
      } catch (const InputError&) {
        break;
      }
      const std::string& op = node.op_type();
      if (op != "Reshape" && op != "Slice" && op != "Split") continue;  // integer shape inputs
      const OnnxDims out = tensors.shape(node.output(0));
      if (!out.empty() && std::none_of(out.begin(), out.end(), [](std::int64_t d) { return d < 0; }))
        continue;
      for (int k = 1; k < node.input_size(); ++k) {
        if (node.input(k).empty() || initializers.count(node.input(k))) continue;
        const OnnxConstant* c = tensors.constant_value(node.input(k));
        if (c && c->known && c->values.size() <= kMaxPinned) pins.emplace_back(i, k, *c);
      }
    }
  }
  onnx::GraphProto& g = *model.mutable_graph();
  std::set<std::string> pinned;  // a tensor several nodes read is pinned once
  for (const auto& [i, k, c] : pins) {
    onnx::NodeProto& node = *g.mutable_node(i);
    const std::string name = node.input(k) + ".folded";
    if (pinned.insert(name).second) {
      onnx::TensorProto& t = *g.add_initializer();
      t.set_name(name);
      t.set_data_type(onnx::TensorProto::INT64);
      for (std::int64_t d : c.dims) t.add_dims(d);
      for (double v : c.values)
        t.add_int64_data(static_cast<std::int64_t>(std::max(-4e18, std::min(4e18, v))));
    }
    node.set_input(k, name);
  }
  return !pins.empty();
}

}  // namespace cnnsched
#endif
