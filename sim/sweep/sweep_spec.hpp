#pragma once
// A sweep spec: fixed point fields and axes whose values are combined.
//   {"base": {"network": "../networks/lenet5_c1s2c3.json", "platform": "../platforms/default.json"},
//    "axes": [
//      {"field": "policy", "values": ["heft", "memheft"]},
//      {"field": "capacity", "range": {"from": 2000, "to": 6000, "step": 1000}},
//      {"field": "overrides.scratchpad.bytes", "log_range": {"from": 16384, "to": 65536, "factor": 2}},
//      {"zip": [{"field": "overrides.pes[0].count", "values": [1, 2, 4]},
//               {"field": "auto_slicing", "values": ["spatial:2", "spatial:4", "spatial:8"]}]}]}
// Points are the cartesian product of the axes, the first axis varying
// slowest; a zip axis steps its members together (equal lengths). A field is a
// point field (sim/sweep/point.hpp) or "overrides.<platform path>". Relative
// network and platform paths are taken from the spec's folder and written
// absolute. Points that come out identical are listed once.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cnnsched {

// At most this many points per spec, so a typo in a range fails fast.
inline constexpr std::size_t kMaxSweepPoints = 1000000;

// Each point is checked (parse_point); errors name `source` and the axis.
std::vector<nlohmann::json> expand_sweep(const nlohmann::json& spec, const std::string& source,
                                         const std::string& base_dir);
std::vector<nlohmann::json> load_sweep(const std::string& path);

}  // namespace cnnsched
