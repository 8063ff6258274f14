#include <cnnsched/sched/io/energy_json.hpp>
#include <cnnsched/sim/platform/sim_result_json.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

json port_json(const PortContention& p) {
  return {{"port", p.port},
          {"transactions", p.transactions},
          {"bytes", p.bytes},
          {"busy", p.busy},
          {"wait", p.wait}};
}

PortContention port_from(const json& j) {
  PortContention p;
  j.at("port").get_to(p.port);
  j.at("transactions").get_to(p.transactions);
  j.at("bytes").get_to(p.bytes);
  j.at("busy").get_to(p.busy);
  j.at("wait").get_to(p.wait);
  return p;
}

json ports_json(const std::vector<PortContention>& ports) {
  json a = json::array();
  for (const PortContention& p : ports) a.push_back(port_json(p));
  return a;
}

std::vector<PortContention> ports_from(const json& a) {
  std::vector<PortContention> out;
  for (const json& j : a) out.push_back(port_from(j));
  return out;
}

json traffic_json(const DramTraffic& t) {
  return {{"input", t.input},
          {"weights", t.weights},
          {"reload", t.reload},
          {"weight_reload", t.weight_reload},
          {"spill", t.spill},
          {"output", t.output},
          {"transfers", t.transfers},
          {"read", t.read()},
          {"written", t.written()},
          {"feature_maps", t.feature_maps()},
          {"weight_bytes", t.weight_bytes()}};
}

DramTraffic traffic_from(const json& j) {
  DramTraffic t;
  j.at("input").get_to(t.input);
  j.at("weights").get_to(t.weights);
  j.at("reload").get_to(t.reload);
  j.at("weight_reload").get_to(t.weight_reload);
  j.at("spill").get_to(t.spill);
  j.at("output").get_to(t.output);
  j.at("transfers").get_to(t.transfers);
  return t;
}

// null without DRAM.
json dram_json(const SimDram& d) {
  if (!d.present) return nullptr;
  return {{"traffic", traffic_json(d.traffic)}, {"bytes_read", d.bytes_read},
          {"bytes_written", d.bytes_written},   {"row_hits", d.row_hits},
          {"row_misses", d.row_misses},         {"row_conflicts", d.row_conflicts},
          {"data_bus_busy", d.data_bus_busy},   {"dma_busy", d.dma_busy},
          {"bytes_used", d.bytes_used},         {"bandwidth_utilisation", d.bandwidth_utilisation}};
}

SimDram dram_from(const json& j) {
  SimDram d;
  if (j.is_null()) return d;
  d.present = true;
  d.traffic = traffic_from(j.at("traffic"));
  j.at("bytes_read").get_to(d.bytes_read);
  j.at("bytes_written").get_to(d.bytes_written);
  j.at("row_hits").get_to(d.row_hits);
  j.at("row_misses").get_to(d.row_misses);
  j.at("row_conflicts").get_to(d.row_conflicts);
  j.at("data_bus_busy").get_to(d.data_bus_busy);
  j.at("dma_busy").get_to(d.dma_busy);
  j.at("bytes_used").get_to(d.bytes_used);
  j.at("bandwidth_utilisation").get_to(d.bandwidth_utilisation);
  return d;
}

}  // namespace

nlohmann::json sim_result_to_json(const SimResult& r) {
  // Tasks and events as arrays of rows: compact for large graphs.
  json tasks = json::array();
  for (const SimTaskTime& t : r.tasks)
    tasks.push_back(
        {t.task, t.pe, t.planned_start, t.planned_finish, t.start, t.finish, start_limit_name(t.limit)});
  json events = json::array();
  for (const SimMemoryEvent& e : r.memory_events)
    events.push_back(
        {e.time, e.in_use, e.alloc, e.task, e.buffer, e.address, e.bytes, e.move, e.from_address});
  const SimFiles& f = r.files;
  return {{"policy", r.policy},
          {"platform", r.platform},
          {"contention", r.contention},
          {"num_pes", r.num_pes},
          {"quantum_ps", r.quantum_ps},
          {"burst_error_bound_ps", r.burst_error_bound_ps},
          {"makespan", r.makespan},
          {"peak", r.peak},
          {"mean_bytes", r.mean_bytes},
          {"planned_makespan", r.planned_makespan},
          {"planned_peak", r.planned_peak},
          {"planned_mean_bytes", r.planned_mean_bytes},
          {"capacity", r.capacity},
          {"dispatch_capacity", r.dispatch_capacity},
          {"scratchpad_bytes", r.scratchpad_bytes},
          {"platform_scratchpad_bytes", r.platform_scratchpad_bytes},
          {"tasks", tasks},
          {"memory_events", events},
          {"allocations", r.allocations},
          {"releases", r.releases},
          {"capacity_wait_tasks", r.capacity_wait_tasks},
          {"capacity_wait_time", r.capacity_wait_time},
          {"allocator_wait_tasks", r.allocator_wait_tasks},
          {"allocator_wait_time", r.allocator_wait_time},
          {"compactions", r.compactions},
          {"tlm_transactions_checked", r.tlm_transactions_checked},
          {"compaction_bytes", r.compaction_bytes},
          {"compaction_time", r.compaction_time},
          {"initiator_ports", ports_json(r.initiator_ports)},
          {"target_ports", ports_json(r.target_ports)},
          {"contention_wait", r.contention_wait},
          {"tasks_started_late", r.tasks_started_late},
          {"max_start_delay", r.max_start_delay},
          {"tasks_stretched", r.tasks_stretched},
          {"stretch_total", r.stretch_total},
          {"tasks_mismatched", r.tasks_mismatched},
          {"functional_checked", r.functional_checked},
          {"functional_ok", r.functional_ok},
          {"functional_tiles", r.functional_tiles},
          {"functional_elements", r.functional_elements},
          {"functional_mismatch_tiles", r.functional_mismatch_tiles},
          {"functional_mismatches", r.functional_mismatches},
          {"dram", dram_json(r.dram)},
          {"actions", action_counts_json(r.actions)},
          {"energy", energy_json(r.energy)},
          {"planned_actions", action_counts_json(r.planned_actions)},
          {"planned_energy", energy_json(r.planned_energy)},
          {"report_text", r.report_text},
          {"files",
           {{"vcd", f.vcd},
            {"gtkw", f.gtkw},
            {"memory_csv", f.memory_csv},
            {"timeline_csv", f.timeline_csv},
            {"perfetto", f.perfetto},
            {"dram_csv", f.dram_csv},
            {"report", f.report}}}};
}

SimResult sim_result_from_json(const nlohmann::json& j) {
  SimResult r;
  j.at("policy").get_to(r.policy);
  j.at("platform").get_to(r.platform);
  j.at("contention").get_to(r.contention);
  j.at("num_pes").get_to(r.num_pes);
  j.at("quantum_ps").get_to(r.quantum_ps);
  j.at("burst_error_bound_ps").get_to(r.burst_error_bound_ps);
  j.at("makespan").get_to(r.makespan);
  j.at("peak").get_to(r.peak);
  j.at("mean_bytes").get_to(r.mean_bytes);
  j.at("planned_makespan").get_to(r.planned_makespan);
  j.at("planned_peak").get_to(r.planned_peak);
  j.at("planned_mean_bytes").get_to(r.planned_mean_bytes);
  j.at("capacity").get_to(r.capacity);
  j.at("dispatch_capacity").get_to(r.dispatch_capacity);
  j.at("scratchpad_bytes").get_to(r.scratchpad_bytes);
  j.at("platform_scratchpad_bytes").get_to(r.platform_scratchpad_bytes);
  for (const json& t : j.at("tasks")) {
    SimTaskTime s;
    t.at(0).get_to(s.task);
    t.at(1).get_to(s.pe);
    t.at(2).get_to(s.planned_start);
    t.at(3).get_to(s.planned_finish);
    t.at(4).get_to(s.start);
    t.at(5).get_to(s.finish);
    s.limit = parse_start_limit(t.at(6).get<std::string>());
    r.tasks.push_back(s);
  }
  for (const json& e : j.at("memory_events")) {
    SimMemoryEvent m;
    e.at(0).get_to(m.time);
    e.at(1).get_to(m.in_use);
    e.at(2).get_to(m.alloc);
    e.at(3).get_to(m.task);
    e.at(4).get_to(m.buffer);
    e.at(5).get_to(m.address);
    e.at(6).get_to(m.bytes);
    e.at(7).get_to(m.move);
    e.at(8).get_to(m.from_address);
    r.memory_events.push_back(m);
  }
  j.at("allocations").get_to(r.allocations);
  j.at("releases").get_to(r.releases);
  j.at("capacity_wait_tasks").get_to(r.capacity_wait_tasks);
  j.at("capacity_wait_time").get_to(r.capacity_wait_time);
  j.at("allocator_wait_tasks").get_to(r.allocator_wait_tasks);
  j.at("allocator_wait_time").get_to(r.allocator_wait_time);
  j.at("compactions").get_to(r.compactions);
  j.at("tlm_transactions_checked").get_to(r.tlm_transactions_checked);
  j.at("compaction_bytes").get_to(r.compaction_bytes);
  j.at("compaction_time").get_to(r.compaction_time);
  r.initiator_ports = ports_from(j.at("initiator_ports"));
  r.target_ports = ports_from(j.at("target_ports"));
  j.at("contention_wait").get_to(r.contention_wait);
  j.at("tasks_started_late").get_to(r.tasks_started_late);
  j.at("max_start_delay").get_to(r.max_start_delay);
  j.at("tasks_stretched").get_to(r.tasks_stretched);
  j.at("stretch_total").get_to(r.stretch_total);
  j.at("tasks_mismatched").get_to(r.tasks_mismatched);
  j.at("functional_checked").get_to(r.functional_checked);
  j.at("functional_ok").get_to(r.functional_ok);
  j.at("functional_tiles").get_to(r.functional_tiles);
  j.at("functional_elements").get_to(r.functional_elements);
  j.at("functional_mismatch_tiles").get_to(r.functional_mismatch_tiles);
  j.at("functional_mismatches").get_to(r.functional_mismatches);
  r.dram = dram_from(j.at("dram"));
  r.actions = action_counts_from_json(j.at("actions"));
  r.energy = energy_from_json(j.at("energy"));
  r.planned_actions = action_counts_from_json(j.at("planned_actions"));
  r.planned_energy = energy_from_json(j.at("planned_energy"));
  j.at("report_text").get_to(r.report_text);
  const json& f = j.at("files");
  f.at("vcd").get_to(r.files.vcd);
  f.at("gtkw").get_to(r.files.gtkw);
  f.at("memory_csv").get_to(r.files.memory_csv);
  f.at("timeline_csv").get_to(r.files.timeline_csv);
  f.at("perfetto").get_to(r.files.perfetto);
  f.at("dram_csv").get_to(r.files.dram_csv);
  f.at("report").get_to(r.files.report);
  return r;
}

}  // namespace cnnsched
