#pragma once
// Shared helpers of the simulation tests: the LeNet-5 C1-S2-C3 configs and
// readers for the files a simulation writes.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched::test {

inline std::string source_path(const std::string& relative) {
  return std::string(CNNSCHED_SOURCE_DIR) + "/" + relative;
}

inline Platform lenet_platform(bool contention) {
  Platform p = load_platform(source_path("configs/platforms/default.json"));
  p.contention = contention;
  return p;
}

inline CnnGraph lenet_graph(const Platform& platform) {
  return build_cnn_graph(load_network(source_path("configs/networks/lenet5_c1s2c3.json")), platform);
}

// A fresh directory for one test's traces.
inline std::string trace_dir(const std::string& test) {
  return std::string(::testing::TempDir()) + "cnnsched_sim_" + test + "_" + std::to_string(::getpid());
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Value changes per signal of a VCD file, keyed by the full scoped name
// ("SystemC.accelerator.scratchpad.occupancy"), as (time in the file's unit, value).
using VcdChanges = std::map<std::string, std::vector<std::pair<std::int64_t, std::uint64_t>>>;

inline VcdChanges read_vcd(const std::string& path) {
  std::istringstream in(read_text(path));
  std::vector<std::string> scope;
  std::map<std::string, std::vector<std::string>> names_by_id;
  VcdChanges changes;
  std::int64_t now = 0;
  std::string tok;
  auto record = [&](const std::string& id, std::uint64_t value) {
    for (const std::string& name : names_by_id[id]) changes[name].emplace_back(now, value);
  };
  while (in >> tok) {
    if (tok == "$scope") {
      std::string kind, name;
      in >> kind >> name;
      scope.push_back(name);
    } else if (tok == "$upscope") {
      scope.pop_back();
    } else if (tok == "$var") {
      std::string type, width, id, ref;
      in >> type >> width >> id >> ref;
      std::string full;
      for (const std::string& s : scope) full += s + ".";
      names_by_id[id].push_back(full + ref);
    } else if (tok[0] == '#') {
      now = std::stoll(tok.substr(1));
    } else if (tok[0] == 'b' || tok[0] == 'B') {
      std::string id;
      in >> id;
      std::uint64_t v = 0;
      for (char c : tok.substr(1)) v = v * 2 + (c == '1' ? 1 : 0);
      record(id, v);
    } else if ((tok[0] == '0' || tok[0] == '1') && tok.size() > 1) {
      record(tok.substr(1), tok[0] == '1' ? 1 : 0);
    }
  }
  return changes;
}

// Rows of a CSV file with a header, split at commas outside double quotes.
inline std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::istringstream in(read_text(path));
  auto split = [](const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.emplace_back();
      } else {
        out.back() += c;
      }
    }
    return out;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line);
    if (cells.size() != header.size())
      throw std::runtime_error(path + ": row with a wrong number of cells: " + line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

}  // namespace cnnsched::test
