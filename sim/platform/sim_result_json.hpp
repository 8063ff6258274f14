#pragma once
// SimResult <-> JSON, so a simulation run in a child process can hand its result
// back (and tools can store it).
#include <nlohmann/json.hpp>

#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

nlohmann::json sim_result_to_json(const SimResult& result);
// Throws nlohmann::json::exception when a field is missing or has the wrong type.
SimResult sim_result_from_json(const nlohmann::json& json);

}  // namespace cnnsched
