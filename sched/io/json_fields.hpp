#pragma once
// Typed access to the fields of a JSON object for every config reader. Each
// problem becomes an InputError naming the file and the full path of the field
// ("layers[3].kernel"), so a user can find the mistake without reading code.
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <cnnsched/sched/errors.hpp>

namespace cnnsched {

// Parses a JSON file; a missing file or a syntax error is an InputError.
nlohmann::json read_json_file(const std::string& path);

// One JSON object of a config together with where it came from. Holds a
// reference: the json value must outlive the JsonFields.
class JsonFields {
 public:
  // Throws InputError when `value` is not an object. `path` is the object's own
  // field path ("" for the document root, "layers[2]" for a nested one).
  JsonFields(const nlohmann::json& value, std::string source, std::string path = "");

  const std::string& source() const { return source_; }
  const std::string& path() const { return path_; }
  const nlohmann::json& json() const { return *value_; }
  bool has(const std::string& key) const { return value_->contains(key); }
  // The full path of a member: path "layers[2]" + key "kernel" -> "layers[2].kernel".
  std::string field(const std::string& key) const;
  // An InputError about member `key` (about this object itself when key is empty).
  InputError error(const std::string& key, const std::string& problem) const;

  // Members not in `allowed` are rejected, which catches typos such as "kernal".
  void allow_only(std::initializer_list<const char*> allowed) const;

  // Integers: JSON numbers without a fractional part.
  std::int64_t required_int(const std::string& key) const;
  std::int64_t optional_int(const std::string& key, std::int64_t fallback) const;
  std::int64_t required_positive_int(const std::string& key) const;  // >= 1
  std::int64_t optional_positive_int(const std::string& key, std::int64_t fallback) const;
  std::int64_t required_nonnegative_int(const std::string& key) const;  // >= 0
  std::int64_t optional_nonnegative_int(const std::string& key, std::int64_t fallback) const;
  // Any finite JSON number, > 0.
  double required_positive_number(const std::string& key) const;

  std::string required_string(const std::string& key) const;
  std::string optional_string(const std::string& key, const std::string& fallback) const;
  bool required_bool(const std::string& key) const;
  bool optional_bool(const std::string& key, bool fallback) const;

  // A JSON array member (throws when missing or not an array).
  const nlohmann::json& required_array(const std::string& key) const;
  // A fixed-length array of integers each >= min_value; a bare integer n is
  // accepted as [n, n, ...] when `allow_scalar` (e.g. "kernel": 3 for [3, 3]).
  std::vector<std::int64_t> int_array(const std::string& key, std::size_t length, std::int64_t min_value,
                                      bool allow_scalar) const;
  // A string, or an array of strings ("inputs": "C1" or ["C1", "C2"]).
  std::vector<std::string> string_list(const std::string& key) const;

  // A nested object member, and the objects of an array member ("layers[0]", ...).
  JsonFields object(const std::string& key) const;
  std::vector<JsonFields> objects(const std::string& key) const;

 private:
  const nlohmann::json& member(const std::string& key) const;  // throws when missing

  const nlohmann::json* value_;
  std::string source_;
  std::string path_;
};

}  // namespace cnnsched
