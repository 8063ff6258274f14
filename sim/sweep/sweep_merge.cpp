#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/sweep/point.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>
#include <cnnsched/sim/sweep/sweep_merge.hpp>
#include <cnnsched/sim/sweep/sweep_pareto.hpp>
#include <cnnsched/sim/traces/csv_field.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

std::string cell(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get<std::string>());
  if (v.is_array()) {
    std::string joined;
    for (const json& e : v)
      joined += (joined.empty() ? "" : " ") + (e.is_string() ? e.get<std::string>() : e.dump());
    return csv_field(joined);
  }
  return csv_field(v.dump());
}

struct Row {
  std::string hash;
  json result;  // null when missing
};

std::vector<std::string> override_columns(const std::vector<Row>& rows) {
  std::set<std::string> keys;
  for (const Row& r : rows)
    if (r.result.is_object() && r.result.contains("point") && r.result["point"].contains("overrides"))
      for (const auto& [k, v] : r.result["point"]["overrides"].items()) keys.insert(k);
  return {keys.begin(), keys.end()};
}

std::string csv_text(const std::vector<Row>& rows) {
  const std::vector<std::string> overrides = override_columns(rows);
  std::ostringstream out;
  out << "hash,status,exit_code";
  for (const std::string& f : point_fields())
    if (f != "overrides") out << ',' << f;
  for (const std::string& o : overrides) out << ',' << csv_field("overrides." + o);
  for (const std::string& m : point_metric_fields()) out << ',' << m;
  out << ",error\n";
  for (const Row& r : rows) {
    const json none = json::object();
    const json& res = r.result.is_object() ? r.result : none;
    const json& point = res.contains("point") && res["point"].is_object() ? res["point"] : none;
    const json& metrics = res.contains("metrics") ? res["metrics"] : none;
    const json& ov = point.contains("overrides") ? point["overrides"] : none;
    out << r.hash << ',' << (res.contains("status") ? res["status"].get<std::string>() : "missing") << ','
        << cell(res.value("exit_code", json()));
    for (const std::string& f : point_fields())
      if (f != "overrides") out << ',' << cell(point.value(f, json()));
    for (const std::string& o : overrides) out << ',' << cell(ov.value(o, json()));
    for (const std::string& m : point_metric_fields()) out << ',' << cell(metrics.value(m, json()));
    out << ',' << cell(res.value("error", json())) << '\n';
  }
  return out.str();
}

}  // namespace

std::vector<std::string> read_point_list(const std::string& dir) {
  const std::string path = dir + "/points.list";
  std::ifstream in(path);
  if (!in)
    throw InputError(path, "", "cannot be read; is '" + dir + "' a sweep folder (cnnsched sweep run)?");
  std::vector<std::string> hashes;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) hashes.push_back(line);
  return hashes;
}

MergeCounts merge_sweep(const std::string& dir) {
  std::vector<Row> rows;
  MergeCounts c;
  for (const std::string& h : read_point_list(dir)) {
    Row r{h, json()};
    const std::string path = dir + "/points/" + h + ".json";
    if (std::filesystem::exists(path)) r.result = read_json_file(path);
    ++c.points;
    if (r.result.is_null())
      ++c.missing;
    else if (r.result.value("status", "") == "ok")
      ++c.ok;
    else
      ++c.failed;
    rows.push_back(std::move(r));
  }
  write_output_file(dir + "/results.csv", csv_text(rows));
  std::vector<json> results;
  for (const Row& r : rows) results.push_back(r.result);
  write_pareto_files(dir, results);
  return c;
}

}  // namespace cnnsched
