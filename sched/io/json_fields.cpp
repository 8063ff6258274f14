#include <cmath>
#include <limits>

#include <cnnsched/sched/io/input_file.hpp>
#include <cnnsched/sched/io/json_document.hpp>
#include <cnnsched/sched/io/json_fields.hpp>

namespace cnnsched {

namespace {

const char* type_name(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

// An integral JSON number (1, -3, also 4.0) as int64, or false.
bool as_int(const nlohmann::json& v, std::int64_t& out) {
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      return false;
    out = v.get<std::int64_t>();
    return true;
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15) return false;
    out = static_cast<std::int64_t>(d);
    return true;
  }
  return false;
}

}  // namespace

nlohmann::json read_json_file(const std::string& path) {
  return parse_json_document(read_input_file(path, kMaxJsonFileBytes, "a JSON file"), path);
}

JsonFields::JsonFields(const nlohmann::json& value, std::string source, std::string path)
    : value_(&value), source_(std::move(source)), path_(std::move(path)) {
  if (!value.is_object())
    throw InputError(source_, path_, std::string("must be a JSON object, got ") + type_name(value));
}

std::string JsonFields::field(const std::string& key) const {
  if (key.empty()) return path_;
  return path_.empty() ? key : path_ + "." + key;
}

InputError JsonFields::error(const std::string& key, const std::string& problem) const {
  return InputError(source_, field(key), problem);
}

void JsonFields::allow_only(std::initializer_list<const char*> allowed) const {
  for (const auto& item : value_->items()) {
    bool known = false;
    for (const char* a : allowed) known = known || item.key() == a;
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
    throw error(item.key(), "unknown field; allowed here: " + list);
  }
}

const nlohmann::json& JsonFields::member(const std::string& key) const {
  auto it = value_->find(key);
  if (it == value_->end()) throw error(key, "is required");
  return *it;
}

std::int64_t JsonFields::required_int(const std::string& key) const {
  const nlohmann::json& v = member(key);
  std::int64_t out = 0;
  if (!as_int(v, out)) throw error(key, std::string("must be an integer, got ") + type_name(v));
  return out;
}

std::int64_t JsonFields::optional_int(const std::string& key, std::int64_t fallback) const {
  return has(key) ? required_int(key) : fallback;
}

std::int64_t JsonFields::required_positive_int(const std::string& key) const {
  const std::int64_t v = required_int(key);
  if (v < 1) throw error(key, "must be a positive integer, got " + std::to_string(v));
  return v;
}

std::int64_t JsonFields::optional_positive_int(const std::string& key, std::int64_t fallback) const {
  return has(key) ? required_positive_int(key) : fallback;
}

std::int64_t JsonFields::required_nonnegative_int(const std::string& key) const {
  const std::int64_t v = required_int(key);
  if (v < 0) throw error(key, "must be an integer >= 0, got " + std::to_string(v));
  return v;
}

std::int64_t JsonFields::optional_nonnegative_int(const std::string& key, std::int64_t fallback) const {
  return has(key) ? required_nonnegative_int(key) : fallback;
}

double JsonFields::required_positive_number(const std::string& key) const {
  const nlohmann::json& v = member(key);
  if (!v.is_number()) throw error(key, std::string("must be a number, got ") + type_name(v));
  const double d = v.get<double>();
  if (!std::isfinite(d) || d <= 0) throw error(key, "must be a positive number");
  return d;
}

std::string JsonFields::required_string(const std::string& key) const {
  const nlohmann::json& v = member(key);
  if (!v.is_string()) throw error(key, std::string("must be a string, got ") + type_name(v));
  return v.get<std::string>();
}

std::string JsonFields::optional_string(const std::string& key, const std::string& fallback) const {
  return has(key) ? required_string(key) : fallback;
}

bool JsonFields::required_bool(const std::string& key) const {
  const nlohmann::json& v = member(key);
  if (!v.is_boolean()) throw error(key, std::string("must be true or false, got ") + type_name(v));
  return v.get<bool>();
}

bool JsonFields::optional_bool(const std::string& key, bool fallback) const {
  return has(key) ? required_bool(key) : fallback;
}

const nlohmann::json& JsonFields::required_array(const std::string& key) const {
  const nlohmann::json& v = member(key);
  if (!v.is_array()) throw error(key, std::string("must be an array, got ") + type_name(v));
  return v;
}

std::vector<std::int64_t> JsonFields::int_array(const std::string& key, std::size_t length,
                                                std::int64_t min_value, bool allow_scalar) const {
  const nlohmann::json& v = member(key);
  const std::string wanted = "must be an array of " + std::to_string(length) +
                             " integers >= " + std::to_string(min_value) +
                             (allow_scalar ? " (or one such integer)" : "");
  std::int64_t scalar = 0;
  if (allow_scalar && as_int(v, scalar)) {
    if (scalar < min_value) throw error(key, wanted + ", got " + std::to_string(scalar));
    return std::vector<std::int64_t>(length, scalar);
  }
  if (!v.is_array())
    throw error(key, wanted + ", got " + (as_int(v, scalar) ? std::to_string(scalar) : type_name(v)));
  if (v.size() != length) throw error(key, wanted + ", got " + std::to_string(v.size()) + " values");
  std::vector<std::int64_t> out(length);
  for (std::size_t i = 0; i < length; ++i) {
    if (!as_int(v[i], out[i]))
      throw error(key + "[" + std::to_string(i) + "]",
                  std::string("must be an integer, got ") + type_name(v[i]));
    if (out[i] < min_value)
      throw error(key + "[" + std::to_string(i) + "]",
                  "must be >= " + std::to_string(min_value) + ", got " + std::to_string(out[i]));
  }
  return out;
}

std::vector<std::string> JsonFields::string_list(const std::string& key) const {
  const nlohmann::json& v = member(key);
  if (v.is_string()) return {v.get<std::string>()};
  if (!v.is_array()) throw error(key, "must be a string or an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string())
      throw error(key + "[" + std::to_string(i) + "]",
                  std::string("must be a string, got ") + type_name(v[i]));
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

JsonFields JsonFields::object(const std::string& key) const {
  return JsonFields(member(key), source_, field(key));
}

std::vector<JsonFields> JsonFields::objects(const std::string& key) const {
  const nlohmann::json& arr = required_array(key);
  std::vector<JsonFields> out;
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i)
    out.emplace_back(arr[i], source_, field(key) + "[" + std::to_string(i) + "]");
  return out;
}

}  // namespace cnnsched
