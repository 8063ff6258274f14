#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sim/studies/experiment_runner.hpp>
#include <cnnsched/sim/studies/network_study.hpp>
#include <cnnsched/sim/studies/results_table.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

std::vector<ResultRow> run_network_study(const NetworkStudyOptions& options, std::ostream& out,
                                         std::ostream& progress) {
  const Platform platform = load_platform(options.platform);
  ExperimentRunner runner(&progress);
  std::vector<ResultRow> rows;
  for (const std::string& path : options.networks) {
    Network net = load_network_file(path);
    apply_slicing_options(net, options.auto_slicing, {}, "--auto-slicing");
    progress << net.name << '\n';
    const CnnGraph cnn = build_cnn_graph(net, platform);
    SimOptions sim;
    if (options.traces) sim.trace_dir = options.out_dir;
    for (ResultRow& r : runner.three_policies({"networks", net.name, net.name}, cnn, platform,
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
