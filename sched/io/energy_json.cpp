#include <cnnsched/sched/io/energy_json.hpp>

namespace cnnsched {

namespace {
using nlohmann::json;
DramKind kind_at(std::size_t k) { return static_cast<DramKind>(k); }
}  // namespace

json action_counts_json(const ActionCounts& c) {
  json dram = json::object();
  for (std::size_t k = 0; k < kDramKinds; ++k)
    dram[dram_kind_name(kind_at(k))] = {{"bursts", c.dram[k].bursts}, {"activations", c.dram[k].activations}};
  return {{"macs", c.macs},
          {"scratchpad_reads", c.scratchpad_reads},
          {"scratchpad_writes", c.scratchpad_writes},
          {"interconnect_bytes", c.interconnect_bytes},
          {"dram", dram}};
}

ActionCounts action_counts_from_json(const json& j) {
  ActionCounts c;
  j.at("macs").get_to(c.macs);
  j.at("scratchpad_reads").get_to(c.scratchpad_reads);
  j.at("scratchpad_writes").get_to(c.scratchpad_writes);
  j.at("interconnect_bytes").get_to(c.interconnect_bytes);
  for (std::size_t k = 0; k < kDramKinds; ++k) {
    const json& d = j.at("dram").at(dram_kind_name(kind_at(k)));
    d.at("bursts").get_to(c.dram[k].bursts);
    d.at("activations").get_to(c.dram[k].activations);
  }
  return c;
}

json energy_json(const EnergyBreakdown& e) {
  json dram = json::object();
  for (std::size_t k = 0; k < kDramKinds; ++k) dram[dram_kind_name(kind_at(k))] = e.dram_pj[k];
  return {{"mac", e.mac_pj},
          {"scratchpad_read", e.scratchpad_read_pj},
          {"scratchpad_write", e.scratchpad_write_pj},
          {"interconnect", e.interconnect_pj},
          {"dram", dram},
          {"dram_total", e.dram_dynamic_pj()},
          {"static",
           {{"pe", e.static_pe_pj},
            {"scratchpad", e.static_scratchpad_pj},
            {"interconnect", e.static_interconnect_pj},
            {"dma", e.static_dma_pj},
            {"dram", e.static_dram_pj}}},
          {"static_total", e.static_pj()},
          {"total", e.total_pj()},
          {"makespan", e.makespan},
          {"edp_pj_s", e.edp_pj_s()}};
}

EnergyBreakdown energy_from_json(const json& j) {
  EnergyBreakdown e;
  j.at("mac").get_to(e.mac_pj);
  j.at("scratchpad_read").get_to(e.scratchpad_read_pj);
  j.at("scratchpad_write").get_to(e.scratchpad_write_pj);
  j.at("interconnect").get_to(e.interconnect_pj);
  for (std::size_t k = 0; k < kDramKinds; ++k)
    j.at("dram").at(dram_kind_name(kind_at(k))).get_to(e.dram_pj[k]);
  const json& s = j.at("static");
  s.at("pe").get_to(e.static_pe_pj);
  s.at("scratchpad").get_to(e.static_scratchpad_pj);
  s.at("interconnect").get_to(e.static_interconnect_pj);
  s.at("dma").get_to(e.static_dma_pj);
  s.at("dram").get_to(e.static_dram_pj);
  j.at("makespan").get_to(e.makespan);
  return e;
}

}  // namespace cnnsched
