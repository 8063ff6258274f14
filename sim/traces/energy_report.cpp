#include <cstdio>
#include <string>

#include <cnnsched/sim/traces/energy_report.hpp>

namespace cnnsched {

namespace {

std::string count_row(const std::string& what, std::int64_t planned, std::int64_t simulated) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-30s %16lld %16lld%s\n", what.c_str(), static_cast<long long>(planned),
                static_cast<long long>(simulated), planned == simulated ? "" : "  (differs)");
  return buf;
}

std::string energy_row(const std::string& what, double planned, double simulated) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-30s %16.1f %16.1f\n", what.c_str(), planned, simulated);
  return buf;
}

}  // namespace

void write_energy_report(std::ostream& out, const SimResult& r) {
  const ActionCounts& pc = r.planned_actions;
  const ActionCounts& sc = r.actions;
  out << "\naction counts (the plan's estimate, and as the modules counted them):\n";
  out << "  " << std::string(30, ' ') << "          planned        simulated\n";
  out << count_row("MACs", pc.macs, sc.macs);
  out << count_row("scratchpad reads", pc.scratchpad_reads, sc.scratchpad_reads);
  out << count_row("scratchpad writes", pc.scratchpad_writes, sc.scratchpad_writes);
  out << count_row("interconnect bytes", pc.interconnect_bytes, sc.interconnect_bytes);
  if (r.dram.present)
    for (std::size_t k = 0; k < kDramKinds; ++k) {
      const std::string kind = dram_kind_name(static_cast<DramKind>(k));
      out << count_row("DRAM bursts " + kind, pc.dram[k].bursts, sc.dram[k].bursts);
      out << count_row("DRAM activations " + kind, pc.dram[k].activations, sc.dram[k].activations);
    }
  if (!(pc == sc))
    out << "  (counts differ: contention changes DRAM row outcomes, a compaction moves buffers; the plan "
           "assumes neither)\n";

  const EnergyBreakdown& p = r.planned_energy;
  const EnergyBreakdown& s = r.energy;
  out << "\nenergy in pJ (planned: estimated counts over the planned makespan; simulated: counted over the "
         "simulated makespan):\n";
  out << "  " << std::string(30, ' ') << "          planned        simulated\n";
  out << energy_row("MAC", p.mac_pj, s.mac_pj);
  out << energy_row("scratchpad read", p.scratchpad_read_pj, s.scratchpad_read_pj);
  out << energy_row("scratchpad write", p.scratchpad_write_pj, s.scratchpad_write_pj);
  out << energy_row("interconnect (NoC)", p.interconnect_pj, s.interconnect_pj);
  if (r.dram.present)
    for (std::size_t k = 0; k < kDramKinds; ++k)
      out << energy_row(std::string("DRAM ") + dram_kind_name(static_cast<DramKind>(k)), p.dram_pj[k],
                        s.dram_pj[k]);
  out << energy_row("static PEs", p.static_pe_pj, s.static_pe_pj);
  out << energy_row("static scratchpad", p.static_scratchpad_pj, s.static_scratchpad_pj);
  out << energy_row("static interconnect", p.static_interconnect_pj, s.static_interconnect_pj);
  if (r.dram.present) {
    out << energy_row("static DMA", p.static_dma_pj, s.static_dma_pj);
    out << energy_row("static DRAM", p.static_dram_pj, s.static_dram_pj);
  }
  out << energy_row("total", p.total_pj(), s.total_pj());
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-30s %16.6g %16.6g\n", "EDP (pJ x s)", p.edp_pj_s(), s.edp_pj_s());
  out << buf;
}

}  // namespace cnnsched
