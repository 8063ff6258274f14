#include <cnnsched/sched/energy/energy_columns.hpp>

namespace cnnsched {

std::vector<std::pair<std::string, std::int64_t>> count_columns(const ActionCounts& c) {
  const DramActions dram = c.dram_total();
  return {{"actions_macs", c.macs},
          {"actions_scratchpad_reads", c.scratchpad_reads},
          {"actions_scratchpad_writes", c.scratchpad_writes},
          {"actions_interconnect_bytes", c.interconnect_bytes},
          {"actions_dram_bursts", dram.bursts},
          {"actions_dram_activations", dram.activations}};
}

std::vector<std::pair<std::string, double>> energy_columns(const EnergyBreakdown& e) {
  std::vector<std::pair<std::string, double>> c = {{"energy_mac_pj", e.mac_pj},
                                                   {"energy_scratchpad_read_pj", e.scratchpad_read_pj},
                                                   {"energy_scratchpad_write_pj", e.scratchpad_write_pj},
                                                   {"energy_interconnect_pj", e.interconnect_pj}};
  for (std::size_t k = 0; k < kDramKinds; ++k)
    c.emplace_back(std::string("energy_dram_") + dram_kind_name(static_cast<DramKind>(k)) + "_pj",
                   e.dram_pj[k]);
  c.emplace_back("energy_dram_pj", e.dram_dynamic_pj());
  c.emplace_back("energy_static_pj", e.static_pj());
  c.emplace_back("energy_total_pj", e.total_pj());
  c.emplace_back("edp_pj_s", e.edp_pj_s());
  return c;
}

}  // namespace cnnsched
