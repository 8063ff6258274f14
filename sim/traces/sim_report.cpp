#include <array>
#include <cstdio>
#include <ostream>
#include <sstream>

#include <cnnsched/sim/traces/energy_report.hpp>
#include <cnnsched/sim/traces/sim_report.hpp>

namespace cnnsched {

namespace {

std::string fmt(const char* format, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, a);
  return buf;
}

std::string row(const std::string& what, double planned, double simulated) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-22s %16.0f %16.0f %+9.2f%%\n", what.c_str(), planned, simulated,
                percent_difference(simulated, planned));
  return buf;
}

}  // namespace

double percent_difference(double simulated, double planned) {
  if (planned == 0) return simulated == 0 ? 0 : 100;
  return (simulated - planned) / planned * 100.0;
}

namespace {

void write_header(std::ostream& out, const SimResult& r) {
  out << "cnnsched simulation report\n";
  out << "  policy " << r.policy << " on platform '" << r.platform << "': " << r.num_pes
      << " PEs, interconnect contention " << (r.contention ? "on" : "off") << "\n";
  if (r.quantum_ps > 0)
    out << "  temporal decoupling: quantum " << r.quantum_ps << " ps; "
        << (r.burst_error_bound_ps == 0
                ? "exact (without contention no time depends on the order of calls)\n"
                : "arbitration inside a quantum follows call order, so a burst may start up to " +
                      std::to_string(r.burst_error_bound_ps) + " ps off its lock-step time\n");
  out << "  scratchpad " << r.scratchpad_bytes << " bytes (the platform's; it never grows)";
  out << "\n  capacity bound " << (r.capacity > 0 ? std::to_string(r.capacity) + " bytes" : "none");
  if (r.dispatch_capacity > 0)
    out << " (the plan is memory-aware HEFT's run at " << r.dispatch_capacity
        << " bytes, faster than its run at the bound; the dispatcher enforces " << r.dispatch_capacity << ")";
  out << "\n\n";
  char head[160];
  std::snprintf(head, sizeof head, "  %-22s %16s %16s %10s\n", "", "planned", "simulated", "diff");
  out << head;
  out << row("makespan (ps)", static_cast<double>(r.planned_makespan), static_cast<double>(r.makespan));
  out << row("peak memory (bytes)", static_cast<double>(r.planned_peak), static_cast<double>(r.peak));
  out << row("mean memory (bytes)", r.planned_mean_bytes, r.mean_bytes);
}

void write_tasks(std::ostream& out, const SimResult& r) {
  const std::size_t n = r.tasks.size();
  out << "\ntasks: " << n << ", matching the plan exactly: " << n - r.tasks_mismatched << "\n";
  out << "  started late: " << r.tasks_started_late << " (largest delay " << r.max_start_delay << " ps)\n";
  out << "  ran longer than planned: " << r.tasks_stretched << " (" << r.stretch_total << " ps in total)\n";
  std::array<std::uint64_t, 8> limits{};
  for (const SimTaskTime& t : r.tasks) ++limits[static_cast<std::size_t>(t.limit)];
  out << "  what each task waited for last:";
  for (std::size_t i = 0; i < limits.size(); ++i)
    if (limits[i] > 0) out << " " << start_limit_name(static_cast<StartLimit>(i)) << " " << limits[i];
  out << "\n";
}

void write_ports_and_memory(std::ostream& out, const SimResult& r) {
  out << "\ninterconnect (router) ports: transactions (bursts), bytes, busy ps, contention wait ps\n";
  auto ports = [&](const char* side, const std::vector<PortContention>& list) {
    for (const PortContention& p : list) {
      char buf[200];
      std::snprintf(buf, sizeof buf, "  %-9s %-14s %10llu %12llu %14lld %14lld\n", side, p.port.c_str(),
                    static_cast<unsigned long long>(p.transactions), static_cast<unsigned long long>(p.bytes),
                    static_cast<long long>(p.busy), static_cast<long long>(p.wait));
      out << buf;
    }
  };
  ports("initiator", r.initiator_ports);
  ports("target", r.target_ports);
  out << "  total contention wait: " << r.contention_wait << " ps\n";
  out << "\nmemory waits: capacity bound " << r.capacity_wait_tasks << " tasks / " << r.capacity_wait_time
      << " ps, allocator (no hole large enough) " << r.allocator_wait_tasks << " tasks / "
      << r.allocator_wait_time << " ps\n";
  out << "memory events: " << r.allocations << " allocations, " << r.releases << " releases\n";
}

void write_dram(std::ostream& out, const SimResult& r) {
  if (!r.dram.present) return;
  const SimDram& d = r.dram;
  const DramTraffic& t = d.traffic;
  out << "\noff-chip DRAM: " << t.transfers << " transfers, " << t.read() << " bytes read (input " << t.input
      << ", weights " << t.weights << ", feature-map reloads " << t.reload << ", weight reloads "
      << t.weight_reload << "), " << t.written() << " bytes written (spills " << t.spill << ", outputs "
      << t.output << "); feature maps " << t.feature_maps() << ", weights " << t.weight_bytes() << "\n";
  out << "  the DRAM counted " << d.bytes_read << " bytes read, " << d.bytes_written << " written; row hits "
      << d.row_hits << ", misses " << d.row_misses << ", conflicts " << d.row_conflicts << "; data bus busy "
      << d.data_bus_busy << " ps; bandwidth utilisation " << fmt("%.2f", 100.0 * d.bandwidth_utilisation)
      << "%\n";
  out << "  DMA busy ps per channel:";
  for (Time busy : d.dma_busy) out << " " << busy;
  out << "; DRAM homes " << d.bytes_used << " bytes\n";
}

void write_functional(std::ostream& out, const SimResult& r) {
  if (!r.functional_checked) return;
  out << "\nfunctional check (real data, bit-exact against the untiled reference): "
      << (r.functional_ok ? "OK" : "MISMATCH") << ", " << r.functional_tiles << " tiles / "
      << r.functional_elements << " elements compared";
  if (!r.functional_ok)
    out << ", " << r.functional_mismatch_tiles << " tiles differ:\n" << r.functional_mismatches;
  out << "\n";
}

void write_differences(std::ostream& out, const SimResult& r) {
  out << "\nwhy simulation and plan differ:\n";
  if (r.tasks_mismatched == 0 && r.peak == r.planned_peak && r.makespan == r.planned_makespan) {
    out << "  they do not: every task started and finished at its planned time";
    if (r.contention) out << " (no transfer ever waited for a busy port)";
    out << ".\n";
    return;
  }
  if (r.tasks_stretched > 0)
    out << "  - " << r.tasks_stretched << " tasks ran longer than their cost (" << r.stretch_total
        << " ps in total): their scratchpad transfers waited " << r.contention_wait
        << " ps for the busy scratchpad port (contention the plan does not model).\n";
  if (r.tasks_started_late > 0)
    out << "  - " << r.tasks_started_late
        << " tasks started late because what they waited for (see above) finished late; the delays add up "
           "along dependences and PE queues, so the makespan changed by "
        << fmt("%+.2f",
               percent_difference(static_cast<double>(r.makespan), static_cast<double>(r.planned_makespan)))
        << "%.\n";
  if (r.capacity_wait_tasks > 0)
    out << "  - " << r.capacity_wait_tasks << " tasks waited " << r.capacity_wait_time
        << " ps in total for frees to stay within the capacity bound.\n";
  if (r.allocator_wait_tasks > 0)
    out << "  - " << r.allocator_wait_tasks << " tasks waited " << r.allocator_wait_time
        << " ps in total because the scratchpad had enough free bytes but no hole large enough "
           "(fragmentation).\n";
  if (r.compactions > 0)
    out << "  - fragmentation stalled the run " << r.compactions
        << " times: live buffers were moved together (" << r.compaction_bytes << " bytes, "
        << r.compaction_time << " ps through the scratchpad port).\n";
  if (r.peak != r.planned_peak)
    out << "  - the peak memory differs by "
        << fmt("%+.2f", percent_difference(static_cast<double>(r.peak), static_cast<double>(r.planned_peak)))
        << "%: tasks ran at other times than planned, so buffer lifetimes overlapped differently.\n";
}

}  // namespace

std::string sim_report_text(const SimResult& r) {
  std::ostringstream out;
  write_header(out, r);
  write_tasks(out, r);
  write_ports_and_memory(out, r);
  write_dram(out, r);
  write_energy_report(out, r);
  write_functional(out, r);
  write_differences(out, r);
  return out.str();
}

}  // namespace cnnsched
