#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sim/sweep/point.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

// One step of an override path: an object key, or an array index.
struct PathStep {
  std::string key;
  long index = -1;
};

std::vector<PathStep> split_path(const std::string& path, const std::string& source,
                                 const std::string& field) {
  const InputError bad(source, field,
                       "'" + path +
                           "' is not a platform field path; use names joined by '.' with "
                           "optional [index], e.g. scratchpad.bytes or pes[0].count");
  std::vector<PathStep> steps;
  std::size_t i = 0;
  for (;;) {
    const std::size_t end = path.find_first_of(".[", i);
    const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (key.empty()) throw bad;
    steps.push_back({key});
    i = end == std::string::npos ? path.size() : end;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      const std::string digits = close == std::string::npos ? "" : path.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos)
        throw bad;
      steps.push_back({"", std::stol(digits)});
      i = close + 1;
    }
    if (i == path.size()) break;
    if (path[i] != '.') throw bad;
    ++i;  // a trailing '.' leaves an empty key, refused above
  }
  return steps;
}

std::vector<std::string> string_array(const JsonFields& f, const std::string& key) {
  std::vector<std::string> out;
  const json& a = f.required_array(key);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string())
      throw f.error(key, "element " + std::to_string(i) + " must be a string LAYER=ROWS,COLS,CHANNELS");
    out.push_back(a[i].get<std::string>());
  }
  return out;
}

double time_limit(const JsonFields& f) {
  if (!f.has("time_limit")) return SweepPoint{}.time_limit_s;
  const json& v = f.json().at("time_limit");
  if (!v.is_number() || !(v.get<double>() >= 0))
    throw f.error("time_limit", "must be a number of seconds >= 0");
  return v.get<double>();
}

}  // namespace

const std::vector<std::string>& point_fields() {
  static const std::vector<std::string> fields = {"network",      "platform", "overrides",
                                                  "policy",       "capacity", "time_limit",
                                                  "auto_slicing", "slices",   "contention"};
  return fields;
}

SweepPoint parse_point(const json& point, const std::string& source) {
  const JsonFields f(point, source);
  f.allow_only({"network", "platform", "overrides", "policy", "capacity", "time_limit", "auto_slicing",
                "slices", "contention"});
  SweepPoint p;
  p.network = f.required_string("network");
  p.platform = f.required_string("platform");
  if (f.has("overrides")) {
    p.overrides = f.object("overrides").json();
    for (const auto& [path, value] : p.overrides.items()) split_path(path, source, "overrides." + path);
  }
  p.policy = parse_policy(f.optional_string("policy", "memheft"), source + ": field 'policy'");
  if (f.has("capacity")) p.capacity = parse_capacity_rule(point.at("capacity"), source);
  p.time_limit_s = time_limit(f);
  p.auto_slicing = f.optional_string("auto_slicing", "");
  if (f.has("slices")) p.slices = string_array(f, "slices");
  if (f.has("contention")) p.contention = f.required_bool("contention");
  return p;
}

SweepPoint load_point(const std::string& path) { return parse_point(read_json_file(path), path); }

void apply_override(json& platform, const std::string& path, const json& value, const std::string& source) {
  const std::string field = "overrides." + path;
  json* at = &platform;
  for (const PathStep& step : split_path(path, source, field)) {
    if (step.index >= 0) {
      if (!at->is_array() || step.index >= static_cast<long>(at->size()))
        throw InputError(source, field,
                         "index [" + std::to_string(step.index) + "] does not exist in the platform (" +
                             (!at->is_array() ? std::string("not an array")
                              : at->empty()   ? std::string("the array is empty")
                                              : "allowed: 0.." + std::to_string(at->size() - 1)) +
                             ")");
      at = &(*at)[static_cast<std::size_t>(step.index)];
    } else {
      if (at->is_null()) *at = json::object();
      if (!at->is_object())
        throw InputError(source, field, "'" + step.key + "' is inside a non-object value");
      at = &(*at)[step.key];
    }
  }
  *at = value;
}

Platform point_platform(const SweepPoint& point, const std::string& source) {
  json doc = read_json_file(point.platform);
  for (const auto& [path, value] : point.overrides.items()) apply_override(doc, path, value, source);
  const std::string what =
      point.overrides.empty() ? point.platform : point.platform + " with the overrides of " + source;
  return parse_platform(doc, what);
}

}  // namespace cnnsched
