#pragma once
// The action counts and energy of a run as flat named columns, for the CSVs
// (results.csv, networks.csv) and the sweep's point results.
//   count_columns:  actions_macs, actions_scratchpad_reads,
//                   actions_scratchpad_writes, actions_interconnect_bytes,
//                   actions_dram_bursts, actions_dram_activations (all kinds)
//   energy_columns (pJ; EDP in pJ x s): energy_mac_pj,
//                   energy_scratchpad_read_pj, energy_scratchpad_write_pj,
//                   energy_interconnect_pj, energy_dram_<kind>_pj for input,
//                   weights, reload, weight_reload, spill, output,
//                   energy_dram_pj (their sum), energy_static_pj (every
//                   component), energy_total_pj, edp_pj_s
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <cnnsched/sched/energy/energy.hpp>

namespace cnnsched {

std::vector<std::pair<std::string, std::int64_t>> count_columns(const ActionCounts& c);
std::vector<std::pair<std::string, double>> energy_columns(const EnergyBreakdown& e);

}  // namespace cnnsched
