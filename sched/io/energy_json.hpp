#pragma once
// Action counts and energy as JSON (the simulation's JSON result, point results):
//   counts: {"macs", "scratchpad_reads", "scratchpad_writes", "interconnect_bytes",
//            "dram": {"input": {"bursts", "activations"}, "weights": ..., "reload": ...,
//                     "weight_reload": ..., "spill": ..., "output": ...}}
//   energy (pJ; makespan in ps; edp in pJ x s):
//           {"mac", "scratchpad_read", "scratchpad_write", "interconnect",
//            "dram": {"input", "weights", "reload", "weight_reload", "spill", "output"},
//            "dram_total", "static": {"pe", "scratchpad", "interconnect", "dma", "dram"},
//            "static_total", "total", "makespan", "edp_pj_s"}
// The *_from_json readers take what the writers wrote (totals are recomputed).
#include <nlohmann/json.hpp>

#include <cnnsched/sched/energy/energy.hpp>

namespace cnnsched {

nlohmann::json action_counts_json(const ActionCounts& c);
ActionCounts action_counts_from_json(const nlohmann::json& j);
nlohmann::json energy_json(const EnergyBreakdown& e);
EnergyBreakdown energy_from_json(const nlohmann::json& j);

}  // namespace cnnsched
