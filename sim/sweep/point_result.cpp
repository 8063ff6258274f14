#include <utility>

#include <cnnsched/sched/energy/energy_columns.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sim/platform/simulation.hpp>
#include <cnnsched/sim/sweep/point_hash.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

Time dma_busy(const SimDram& d) {
  Time busy = 0;
  for (Time t : d.dma_busy) busy += t;
  return busy;
}

// In CSV column order; the DRAM columns are 0 on a platform without DRAM.
std::vector<std::pair<std::string, json>> base_metrics(const std::string& network, const CnnGraph& cnn,
                                                       const PolicyPlan& plan, const SimResult& r) {
  return {{"network_name", network},
          {"tasks", cnn.graph.num_tasks()},
          {"num_pes", r.num_pes},
          {"capacity_bytes", plan.capacity},
          {"makespan", r.makespan},
          {"peak", r.peak},
          {"mean_bytes", r.mean_bytes},
          {"planned_makespan", r.planned_makespan},
          {"planned_peak", r.planned_peak},
          {"scratchpad_bytes", r.scratchpad_bytes},
          {"utilisation", pe_utilisation(r)},
          {"allocations", r.allocations},
          {"capacity_wait_tasks", r.capacity_wait_tasks},
          {"capacity_wait_time", r.capacity_wait_time},
          {"allocator_wait_tasks", r.allocator_wait_tasks},
          {"allocator_wait_time", r.allocator_wait_time},
          {"compactions", r.compactions},
          {"contention_wait", r.contention_wait},
          {"tasks_started_late", r.tasks_started_late},
          {"max_start_delay", r.max_start_delay},
          {"dram_input_bytes", r.dram.traffic.input},
          {"dram_weight_bytes", r.dram.traffic.weights},
          {"dram_reload_bytes", r.dram.traffic.reload},
          {"dram_weight_reload_bytes", r.dram.traffic.weight_reload},
          {"dram_spill_bytes", r.dram.traffic.spill},
          {"dram_output_bytes", r.dram.traffic.output},
          {"dram_feature_map_bytes", r.dram.traffic.feature_maps()},
          {"dram_total_bytes", r.dram.traffic.total()},
          {"dram_transfers", r.dram.traffic.transfers},
          {"dma_busy", dma_busy(r.dram)},
          {"dram_row_hits", r.dram.row_hits},
          {"dram_row_misses", r.dram.row_misses + r.dram.row_conflicts},
          {"dram_bandwidth_utilisation", r.dram.bandwidth_utilisation}};
}

// base_metrics, the simulated counts and energy (sched/energy/energy_columns.hpp), then exact_status.
std::vector<std::pair<std::string, json>> metrics(const std::string& network, const CnnGraph& cnn,
                                                  const PolicyPlan& plan, const SimResult& r) {
  std::vector<std::pair<std::string, json>> m = base_metrics(network, cnn, plan, r);
  for (const auto& [name, value] : count_columns(r.actions)) m.emplace_back(name, value);
  for (const auto& [name, value] : energy_columns(r.energy)) m.emplace_back(name, value);
  m.emplace_back("exact_status", "");
  return m;
}

// The capacity the point's policy plans with: its rule resolved on the graph
// (memheft and exact; the other policies take none, a rule gives them 0).
Bytes point_capacity(const SweepPoint& p, const CnnGraph& cnn) {
  if (p.capacity.kind == CapacityRule::Kind::Bytes) return p.capacity.bytes;
  if (p.policy != Policy::MemHeft && p.policy != Policy::Exact) return 0;
  return resolve_capacity(p.capacity, cnn);
}

}  // namespace

const std::vector<std::string>& point_metric_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> names;
    for (const auto& [key, value] : metrics("", CnnGraph{}, PolicyPlan{}, SimResult{})) names.push_back(key);
    return names;
  }();
  return fields;
}

json run_point(const json& doc, const std::string& source, bool isolated) {
  return run_point_full(doc, source, isolated, SimOptions{}).result;
}

PointRun run_point_full(const json& doc, const std::string& source, bool isolated, SimOptions sim) {
  const SweepPoint p = parse_point(doc, source);
  Network net = load_network_file(p.network);
  apply_slicing_options(net, p.auto_slicing, p.slices, source + ": field 'slices'");
  Platform plat = point_platform(p, source);
  if (p.contention) plat.contention = *p.contention;
  const CnnGraph cnn = build_cnn_graph(net, plat);
  ExactOptions exact;
  exact.time_limit_s = p.time_limit_s;
  const PolicyPlan plan = plan_policy(cnn, p.policy, plat, point_capacity(p, cnn), exact);
  sim.network = &net;
  const SimResult r = isolated ? simulate_isolated(cnn, plan, plat, sim) : simulate(cnn, plan, plat, sim);
  json out = {{"hash", point_hash(doc)}, {"point", doc}, {"status", "ok"}, {"exit_code", 0}};
  json& m = out["metrics"];
  for (auto& [key, value] : metrics(net.name, cnn, plan, r)) m[key] = std::move(value);
  if (plan.exact_status) out["metrics"]["exact_status"] = exact_status_name(*plan.exact_status);
  return {std::move(out), r};
}

json failed_point_result(const json& point, int exit_code, const std::string& message) {
  return {{"hash", point_hash(point)},
          {"point", point},
          {"status", "error"},
          {"exit_code", exit_code},
          {"error", message}};
}

}  // namespace cnnsched
