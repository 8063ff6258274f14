#include <algorithm>

#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/studies/experiment_runner.hpp>
#include <cnnsched/sim/studies/network_study.hpp>
#include <cnnsched/sim/studies/results_table.hpp>
#include <cnnsched/sim/sweep/capacity_rule.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

namespace {

// What study_scratchpad_bytes gives, said when it is more than the platform's.
Platform sized_for(const Platform& platform, const CnnGraph& cnn, double max_cost_pct,
                   std::ostream& progress) {
  Platform sized = platform;
  sized.scratchpad_bytes = study_scratchpad_bytes(platform, cnn, max_cost_pct);
  if (sized.scratchpad_bytes != platform.scratchpad_bytes)
    progress << "  the platform's " << platform.scratchpad_bytes
             << "-byte scratchpad holds no plan: sized to " << sized.scratchpad_bytes
             << " bytes (the largest plan's first-fit footprint)\n";
  return sized;
}

}  // namespace

Bytes study_scratchpad_bytes(const Platform& platform, const CnnGraph& cnn, double max_cost_pct) {
  if (platform.has_dram) return platform.scratchpad_bytes;
  Bytes need = std::max(smallest_scratchpad(plan_policy(cnn, Policy::LayerByLayer)),
                        smallest_scratchpad(plan_policy(cnn, Policy::Heft)));
  const Bytes capacity = capacity_within_cost(cnn, max_cost_pct);
  need = std::max(need, smallest_scratchpad(plan_policy(cnn, Policy::MemHeft, capacity)));
  return std::max(need, platform.scratchpad_bytes);
}

std::vector<ResultRow> run_network_study(const NetworkStudyOptions& options, std::ostream& out,
                                         std::ostream& progress) {
  const Platform platform = load_platform(options.platform);
  ExperimentRunner runner(&progress);
  std::vector<ResultRow> rows;
  // Every network is read first: a bad one stops the study before any file is written.
  std::vector<Network> networks;
  for (const std::string& path : options.networks) {
    networks.push_back(load_network_file(path));
    apply_slicing_options(networks.back(), options.auto_slicing, {}, "--auto-slicing");
    check_cnn_graph_size(networks.back(), platform);
  }
  for (std::size_t i = 0; i < networks.size(); ++i) {
    const Network& net = networks[i];
    progress << net.name << '\n';
    const CnnGraph cnn = build_cnn_graph(net, platform);
    const Platform sized = sized_for(platform, cnn, options.max_cost_pct, progress);
    // Each run is a sweep point (configs/sweeps/network_study.json) run through run_point.
    nlohmann::json point = {{"network", options.networks[i]}, {"platform", options.platform}};
    if (!options.auto_slicing.empty()) point["auto_slicing"] = options.auto_slicing;
    if (!platform.has_dram) point["overrides"] = {{"scratchpad.bytes", sized.scratchpad_bytes}};
    SimOptions sim;
    if (options.traces) sim.trace_dir = options.out_dir;
    for (ResultRow& r : runner.three_policies({"networks", net.name, net.name}, point, options.max_cost_pct,
                                              false, sim, net.name))
      rows.push_back(std::move(r));
  }
  compare_with_baseline(rows);
  print_results_table(out, rows);
  const std::string csv = output_path(options.out_dir, "networks", ".csv");
  write_results_csv(csv, rows);
  out << "\nresults: " << csv << '\n';
  return rows;
}

}  // namespace cnnsched
