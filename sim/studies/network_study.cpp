#include <algorithm>

#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/studies/experiment_runner.hpp>
#include <cnnsched/sim/studies/network_study.hpp>
#include <cnnsched/sim/studies/results_table.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

namespace {

// A scratchpad never grows. With DRAM the plans spill to stay within it; on
// chip only, for a network whose plans do not fit the platform's, it is sized,
// explicitly and said so, to what the largest plan needs.
Platform sized_for(const Platform& platform, const CnnGraph& cnn, double max_cost_pct,
                   std::ostream& progress) {
  if (platform.has_dram) return platform;
  Bytes need = std::max(smallest_scratchpad(plan_policy(cnn, Policy::LayerByLayer)),
                        smallest_scratchpad(plan_policy(cnn, Policy::Heft)));
  const Bytes capacity = ExperimentRunner::capacity_within_cost(cnn, max_cost_pct);
  need = std::max(need, smallest_scratchpad(plan_policy(cnn, Policy::MemHeft, capacity)));
  Platform sized = platform;
  if (need <= platform.scratchpad_bytes) return sized;
  sized.scratchpad_bytes = need;
  progress << "  the platform's " << platform.scratchpad_bytes << "-byte scratchpad holds no plan: sized to "
           << need << " bytes (the largest plan's first-fit footprint)\n";
  return sized;
}

}  // namespace

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
  for (const Network& net : networks) {
    progress << net.name << '\n';
    const CnnGraph cnn = build_cnn_graph(net, platform);
    const Platform sized = sized_for(platform, cnn, options.max_cost_pct, progress);
    SimOptions sim;
    if (options.traces) sim.trace_dir = options.out_dir;
    for (ResultRow& r : runner.three_policies({"networks", net.name, net.name}, cnn, sized,
                                              options.max_cost_pct, false, sim, net.name))
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
