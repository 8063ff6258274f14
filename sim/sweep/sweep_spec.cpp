#include <cmath>
#include <filesystem>
#include <set>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sim/sweep/point.hpp>
#include <cnnsched/sim/sweep/point_hash.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

// One axis as (field, value) assignments per step.
using Step = std::vector<std::pair<std::string, json>>;

bool all_integers(std::initializer_list<const json*> values) {
  for (const json* v : values)
    if (!v->is_number_integer()) return false;
  return true;
}

double number(const JsonFields& f, const std::string& key) {
  if (!f.has(key) || !f.json().at(key).is_number()) throw f.error(key, "must be a number");
  return f.json().at(key).get<double>();
}

void check_count(const JsonFields& f, double count) {
  if (!(count <= static_cast<double>(kMaxSweepPoints)))
    throw f.error("", "gives more than " + std::to_string(kMaxSweepPoints) + " values");
}

std::vector<json> linear_range(const JsonFields& f) {
  f.allow_only({"from", "to", "step"});
  const double from = number(f, "from"), to = number(f, "to"), step = number(f, "step");
  if (!(step > 0)) throw f.error("step", "must be > 0");
  if (to < from) throw f.error("to", "must be >= from");
  check_count(f, (to - from) / step + 1);
  const bool ints = all_integers({&f.json().at("from"), &f.json().at("to"), &f.json().at("step")});
  std::vector<json> out;
  for (long i = 0;; ++i) {
    const double v = from + static_cast<double>(i) * step;
    if (v > to * (1 + 1e-12) + 1e-12) break;
    out.push_back(ints ? json(static_cast<std::int64_t>(std::llround(v))) : json(v));
  }
  return out;
}

std::vector<json> log_range(const JsonFields& f) {
  f.allow_only({"from", "to", "factor"});
  const double from = number(f, "from"), to = number(f, "to"), factor = number(f, "factor");
  if (!(from > 0)) throw f.error("from", "must be > 0");
  if (!(factor > 1)) throw f.error("factor", "must be > 1");
  if (to < from) throw f.error("to", "must be >= from");
  check_count(f, std::log(to / from) / std::log(factor) + 1);
  const bool ints = all_integers({&f.json().at("from"), &f.json().at("to")});
  std::vector<json> out;
  for (double v = from; v <= to * (1 + 1e-12); v *= factor)
    out.push_back(ints ? json(static_cast<std::int64_t>(std::llround(v))) : json(v));
  return out;
}

// The values of one simple axis: exactly one of values, range, log_range.
std::vector<json> axis_values(const JsonFields& f) {
  f.allow_only({"field", "values", "range", "log_range"});
  const int kinds = f.has("values") + f.has("range") + f.has("log_range");
  if (kinds != 1) throw f.error("", "needs exactly one of values, range, log_range");
  std::vector<json> out;
  if (f.has("values"))
    out.assign(f.required_array("values").begin(), f.required_array("values").end());
  else if (f.has("range"))
    out = linear_range(f.object("range"));
  else
    out = log_range(f.object("log_range"));
  if (out.empty()) throw f.error("", "has no values");
  return out;
}

std::vector<Step> simple_axis(const JsonFields& f) {
  const std::string field = f.required_string("field");
  std::vector<Step> steps;
  for (json& v : axis_values(f)) steps.push_back({{field, std::move(v)}});
  return steps;
}

std::vector<Step> zip_axis(const JsonFields& f) {
  f.allow_only({"zip"});
  std::vector<Step> steps;
  for (const JsonFields& member : f.objects("zip")) {
    std::vector<Step> one = simple_axis(member);
    if (steps.empty()) {
      steps = std::move(one);
    } else if (one.size() != steps.size()) {
      throw member.error("", "has " + std::to_string(one.size()) + " values, the zip's first member " +
                                 std::to_string(steps.size()) + "; zipped axes need equal lengths");
    } else {
      for (std::size_t i = 0; i < steps.size(); ++i) steps[i].push_back(one[i].front());
    }
  }
  if (steps.empty()) throw f.error("zip", "must list at least one axis");
  return steps;
}

void assign(json& point, const std::string& field, const json& value, const std::string& base_dir) {
  const std::string prefix = "overrides.";
  if (field.compare(0, prefix.size(), prefix) == 0) {
    point["overrides"][field.substr(prefix.size())] = value;
  } else if ((field == "network" || field == "platform") && value.is_string()) {
    const std::filesystem::path p(value.get<std::string>());
    point[field] =
        p.is_absolute() ? p.string() : (std::filesystem::path(base_dir) / p).lexically_normal().string();
  } else {
    point[field] = value;
  }
}

json base_point(const JsonFields& spec, const std::string& base_dir) {
  json point = json::object();
  if (!spec.has("base")) return point;
  for (const auto& [key, value] : spec.object("base").json().items()) assign(point, key, value, base_dir);
  return point;
}

}  // namespace

std::vector<json> expand_sweep(const json& spec, const std::string& source, const std::string& base_dir) {
  const JsonFields f(spec, source);
  f.allow_only({"name", "comment", "base", "axes"});
  std::vector<std::vector<Step>> axes;
  double total = 1;
  for (const JsonFields& a : f.objects("axes")) {
    axes.push_back(a.has("zip") ? zip_axis(a) : simple_axis(a));
    total *= static_cast<double>(axes.back().size());
    if (total > static_cast<double>(kMaxSweepPoints)) check_count(f, total);
  }
  const json base = base_point(f, base_dir);
  std::vector<json> points;
  std::set<std::string> seen;
  std::vector<std::size_t> at(axes.size(), 0);  // an odometer over the axes, the last one fastest
  for (;;) {
    json p = base;
    for (std::size_t a = 0; a < axes.size(); ++a)
      for (const auto& [field, value] : axes[a][at[a]]) assign(p, field, value, base_dir);
    parse_point(p, source + " (point " + std::to_string(points.size()) + ")");
    if (seen.insert(point_hash(p)).second) points.push_back(std::move(p));
    std::size_t a = axes.size();
    while (a > 0 && ++at[a - 1] == axes[a - 1].size()) at[--a] = 0;
    if (a == 0) break;
  }
  return points;
}

std::vector<json> load_sweep(const std::string& path) {
  const std::string dir = std::filesystem::absolute(path).parent_path().string();
  return expand_sweep(read_json_file(path), path, dir);
}

}  // namespace cnnsched
