#pragma once
// One design point of a sweep: which network on which platform (with
// overrides of single platform fields), scheduled how, simulated with which
// options. Read from JSON:
//   {"network": "configs/networks/lenet5_c1s2c3.json",
//    "platform": "configs/platforms/default.json",
//    "overrides": {"scratchpad.bytes": 32768, "pes[0].count": 2, "dram.preset": "ddr4-3200"},
//    "policy": "memheft", "capacity": 4000, "time_limit": 10,
//    "auto_slicing": "tile-bytes:512", "slices": ["C1=7,1,1"], "contention": true}
// Only network and platform are required. "capacity" is bytes or a rule
// resolved on the point's graph ("smallest", "within:10", "step:3/8"; see
// sim/sweep/capacity_rule.hpp). Relative paths are taken from the
// current folder (`cnnsched sweep expand` writes them absolute).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/sweep/capacity_rule.hpp>

namespace cnnsched {

struct SweepPoint {
  std::string network;
  std::string platform;
  nlohmann::json overrides = nlohmann::json::object();  // "path.to[0].field" -> value
  Policy policy = Policy::MemHeft;
  CapacityRule capacity;  // memheft's and exact's bound, 0 bytes = none
  double time_limit_s = 10;
  std::string auto_slicing;
  std::vector<std::string> slices;
  std::optional<bool> contention;  // unset: the platform file's value
};

// The fields a point may have, in the order results list them.
const std::vector<std::string>& point_fields();

// Throws InputError naming `source`, the field and what is allowed.
SweepPoint parse_point(const nlohmann::json& point, const std::string& source);
SweepPoint load_point(const std::string& path);

// Sets `path` ("scratchpad.bytes", "pes[0].count") in a platform document to
// `value`; missing objects on the way are created, array indices must exist.
void apply_override(nlohmann::json& platform, const std::string& path, const nlohmann::json& value,
                    const std::string& source);

// The point's platform file with its overrides applied, checked like a file.
Platform point_platform(const SweepPoint& point, const std::string& source);

}  // namespace cnnsched
