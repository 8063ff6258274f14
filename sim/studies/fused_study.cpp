#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/studies/fused_study.hpp>
#include <cnnsched/sim/studies/gnuplot_files.hpp>
#include <cnnsched/sim/sweep/point.hpp>
#include <cnnsched/sim/sweep/point_hash.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>
#include <cnnsched/sim/sweep/run_command.hpp>
#include <cnnsched/sim/sweep/sweep_run.hpp>
#include <cnnsched/sim/sweep/sweep_spec.hpp>
#include <cnnsched/sim/traces/csv_field.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

// Named, not anonymous: one unity unit holds every study.
namespace fused_study_impl {

using nlohmann::json;

const char* const kPolicies[] = {"layer", "heft", "memheft"};
const char* const kPolicyTitles[] = {"layer-by-layer", "HEFT", "memory-aware HEFT"};

double metric(const FusedRow& r, const char* name) { return r.result.at("metrics").at(name).get<double>(); }

// One data file per network and policy (ok points only): size (KiB), DRAM
// feature maps, weights, total (MB), makespan (us), EDP, then the energy
// breakdown in uJ: MAC, scratchpad read, write, NoC, DRAM, static.
std::string data_file(const std::string& dir, const std::string& network, const std::string& policy,
                      const std::vector<FusedRow>& rows) {
  const std::string path = output_path(dir, "fused_" + network + "_" + policy, ".dat");
  PlotFile out(path);
  out << "# scratchpad_kib,dram_feature_map_mb,dram_weight_mb,dram_total_mb,makespan_us,edp_pj_s,"
         "mac_uj,scratchpad_read_uj,scratchpad_write_uj,interconnect_uj,dram_uj,static_uj\n";
  for (const FusedRow& r : rows) {
    if (r.network != network || r.policy != policy || r.result.at("status") != "ok") continue;
    out << static_cast<double>(r.scratchpad_bytes) / 1024 << ',' << metric(r, "dram_feature_map_bytes") / 1e6
        << ',' << metric(r, "dram_weight_bytes") / 1e6 << ',' << metric(r, "dram_total_bytes") / 1e6 << ','
        << metric(r, "makespan") / 1e6 << ',' << metric(r, "edp_pj_s");
    for (const char* e : {"energy_mac_pj", "energy_scratchpad_read_pj", "energy_scratchpad_write_pj",
                          "energy_interconnect_pj", "energy_dram_pj", "energy_static_pj"})
      out << ',' << metric(r, e) / 1e6;
    out << '\n';
  }
  out.close();
  return path;
}

// A plot with one panel per network: `panel` writes one panel's plot command.
template <typename Panel>
std::string plot(const std::string& dir, const std::string& stem, const std::string& title,
                 const std::vector<std::string>& networks, const std::string& setup, Panel panel) {
  const std::string png = output_path(dir, stem, ".png");
  const std::string gp = output_path(dir, stem, ".gp");
  const std::size_t cols = networks.size() > 1 ? 2 : 1, rows = (networks.size() + cols - 1) / cols;
  PlotFile out(gp);
  out << kGnuplotPreamble << "set terminal pngcairo size " << 750 * cols << ',' << 120 + 480 * rows
      << " font 'Sans,10'\nset output '" << gnuplot_partial(png) << "'\n"
      << "set key inside top right font ',8'\n"
      << setup << "set multiplot layout " << rows << ',' << cols << " title '" << title << "'\n";
  for (const std::string& n : networks) {
    out << "set title '" << n << "' noenhanced\n";
    panel(out, n);
  }
  out << "unset multiplot\n";
  out.close();
  run_gnuplot(gp, png);
  return png;
}

// The networks with at least one point that ran, in the study's order.
std::vector<std::string> networks_that_ran(const std::vector<std::string>& names,
                                           const std::vector<FusedRow>& rows) {
  std::vector<std::string> ran;
  for (const std::string& n : names)
    for (const FusedRow& r : rows)
      if (r.network == n && r.result.at("status") == "ok") {
        ran.push_back(n);
        break;
      }
  return ran;
}

// One panel per network that has a point that ran; no plots when none has.
std::vector<std::string> write_plots(const std::string& dir, const std::vector<std::string>& names,
                                     const std::vector<FusedRow>& rows) {
  const std::vector<std::string> networks = networks_that_ran(names, rows);
  if (networks.empty()) return {};
  std::map<std::string, std::string> data;  // network + '/' + policy -> data file
  for (const std::string& n : networks)
    for (const char* p : kPolicies) data[n + '/' + p] = data_file(dir, n, p, rows);
  const auto lines = [&](const std::string& using_, const char* dashed_using) {
    return [&, using_, dashed_using](std::ostream& out, const std::string& n) {
      out << "plot ";
      for (int i = 0; i < 3; ++i) {
        out << (i ? ", \\\n     " : "") << "'" << data[n + '/' + kPolicies[i]] << "' using " << using_
            << " with linespoints lw 2 pt 7 lc " << i + 1 << " title '" << kPolicyTitles[i] << "'";
        if (dashed_using)
          out << ", \\\n     '" << data[n + '/' + kPolicies[i]] << "' using " << dashed_using
              << " with linespoints lw 1 dt 2 pt 6 lc " << i + 1 << " title '" << kPolicyTitles[i]
              << " (feature maps)'";
      }
      out << '\n';
    };
  };
  const std::string logx = "set logscale x 2\nset xlabel 'scratchpad (KiB)'\n";
  std::vector<std::string> pngs;
  pngs.push_back(plot(dir, "fused_dram", "Off-chip traffic against scratchpad size (simulated)", networks,
                      logx + "set logscale y\nset ylabel 'DRAM traffic (MB): total, feature maps dashed'\n",
                      lines("1:4", "1:2")));
  pngs.push_back(plot(dir, "fused_makespan", "Makespan against scratchpad size (simulated)", networks,
                      logx + "set ylabel 'makespan (us)'\n", lines("1:5", nullptr)));
  pngs.push_back(plot(dir, "fused_edp", "Energy-delay product against scratchpad size (simulated)", networks,
                      logx + "set logscale y\nset ylabel 'EDP (pJ x s)'\n", lines("1:6", nullptr)));
  const char* parts[] = {"MAC", "scratchpad read", "scratchpad write", "NoC", "DRAM", "static"};
  pngs.push_back(
      plot(dir, "fused_energy", "Energy by component per policy and scratchpad size (KiB)", networks,
           "set style data histograms\nset style histogram rowstacked\nset style fill solid 0.85 border -1\n"
           "set key outside right top font ',8'\nset boxwidth 0.8\nset xtics rotate by -60 font ',7'\nset "
           "grid ytics\nset ylabel 'energy (uJ)'\n",
           [&](std::ostream& out, const std::string& n) {
             out << "plot ";
             for (int i = 0; i < 3; ++i) {
               out << (i ? ", \\\n     " : "") << "newhistogram '" << kPolicies[i] << "' lt 1";
               for (int k = 0; k < 6; ++k) {
                 out << ", '" << data[n + '/' + kPolicies[i]] << "' using " << 7 + k;
                 if (k == 0) out << ":xtic(sprintf('%g', $1))";
                 if (i == 0)
                   out << " title '" << parts[k] << "'";
                 else
                   out << " notitle";
               }
             }
             out << '\n';
           }));
  return pngs;
}

void write_csv(const std::string& path, const std::vector<FusedRow>& rows) {
  OutputFile file(path);
  std::ostream& out = file.stream();
  out << "network,policy,scratchpad_bytes,status,exit_code,error";
  for (const std::string& c : fused_metric_columns()) out << ',' << c;
  out << '\n';
  for (const FusedRow& r : rows) {
    const bool ok = r.result.at("status") == "ok";
    out << csv_field(r.network) << ',' << r.policy << ',' << r.scratchpad_bytes << ','
        << r.result.at("status").get<std::string>() << ',' << r.result.at("exit_code").get<int>() << ','
        << csv_field(ok ? "" : r.result.at("error").get<std::string>());
    for (const std::string& c : fused_metric_columns())
      out << ',' << (ok ? r.result.at("metrics").at(c).dump() : "");
    out << '\n';
  }
  file.commit();
}

}  // namespace fused_study_impl

std::vector<Bytes> fused_study_sizes(const FusedStudyOptions& o) {
  if (o.min_bytes <= 0) throw InputError("--min-bytes", "", "must be a whole number of bytes > 0");
  if (o.max_bytes < o.min_bytes) throw InputError("--max-bytes", "", "must be >= --min-bytes");
  if (!std::isfinite(o.factor) || !(o.factor > 1))
    throw InputError("--factor", "", "must be a finite number > 1");
  std::vector<Bytes> sizes;
  for (double b = static_cast<double>(o.min_bytes); b <= static_cast<double>(o.max_bytes) * (1 + 1e-12);
       b *= o.factor) {
    const Bytes whole = static_cast<Bytes>(std::floor(b + 1e-9));
    if (sizes.empty() || whole > sizes.back()) sizes.push_back(whole);
    if (sizes.size() > 64) throw InputError("--factor", "", "gives more than 64 sizes: take a larger factor");
  }
  return sizes;
}

std::vector<std::string> default_fused_networks(const std::string& source_dir) {
  std::vector<std::string> paths;
  for (const char* n : {"lenet5", "mobilenet_v1", "resnet18", "vgg_e_fused5"})
    paths.push_back(source_dir + "/configs/networks/" + n + ".json");
  return paths;
}

const std::vector<std::string>& fused_metric_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c = {"capacity_bytes",    "dram_feature_map_bytes",
                                  "dram_weight_bytes", "dram_total_bytes",
                                  "makespan",          "peak"};
    for (const std::string& f : point_metric_fields())
      if (f.rfind("energy_", 0) == 0 || f == "edp_pj_s") c.push_back(f);
    return c;
  }();
  return columns;
}

namespace fused_study_impl {

// Every input is checked before the first point runs and anything is written;
// returns the networks' names.
std::vector<std::string> checked_network_names(const FusedStudyOptions& o) {
  if (o.networks.empty()) throw InputError("--networks", "", "names no network");
  const Platform platform = load_platform(o.platform);
  if (!platform.has_dram)
    throw InputError(o.platform, "dram",
                     "the fused study needs a platform with a DRAM (e.g. default_ddr4.json)");
  std::vector<std::string> names;
  for (const std::string& path : o.networks) {
    Network net = load_network_file(path);
    apply_slicing_options(net, o.auto_slicing, {}, "--auto-slicing");
    check_cnn_graph_size(net, platform);
    names.push_back(net.name);
  }
  return names;
}

// The study's rows from the sweep folder: one per expanded point, in the
// spec's order (network, size, policy); `names` maps a network path to its name.
std::vector<FusedRow> read_rows(const std::string& spec, const std::string& dir,
                                const std::map<std::string, std::string>& names) {
  std::vector<FusedRow> rows;
  for (const json& p : load_sweep(spec)) {
    const std::string file = dir + "/points/" + point_hash(p) + ".json";
    if (!std::filesystem::exists(file))
      throw std::runtime_error("the sweep left no result for a point: see " + dir + "/snakemake.log");
    rows.push_back({names.at(p.at("network").get<std::string>()), p.at("policy").get<std::string>(),
                    p.at("overrides").at("scratchpad.bytes").get<Bytes>(), read_json_file(file)});
  }
  return rows;
}

}  // namespace fused_study_impl

nlohmann::json fused_study_spec(const FusedStudyOptions& o, const std::vector<Bytes>& sizes) {
  using fused_study_impl::kPolicies;
  namespace fs = std::filesystem;
  json networks = json::array();
  for (const std::string& n : o.networks) networks.push_back(fs::absolute(n).lexically_normal().string());
  json base = {{"platform", fs::absolute(o.platform).lexically_normal().string()}};
  if (!o.auto_slicing.empty()) base["auto_slicing"] = o.auto_slicing;
  return {{"name", "fused"},
          {"base", base},
          {"axes",
           {{{"field", "network"}, {"values", networks}},
            {{"field", "overrides.scratchpad.bytes"}, {"values", sizes}},
            {{"field", "policy"}, {"values", kPolicies}}}}};
}

std::vector<FusedRow> run_fused_study(const FusedStudyOptions& o, std::ostream& out) {
  using namespace fused_study_impl;
  const std::vector<Bytes> sizes = fused_study_sizes(o);
  const std::vector<std::string> names = checked_network_names(o);
  const json spec = fused_study_spec(o, sizes);
  for (const json& p : expand_sweep(spec, "--max-bytes", "/"))  // each size on the platform
    point_platform(parse_point(p, "--max-bytes"), "--max-bytes");
  std::map<std::string, std::string> name_of;
  for (std::size_t n = 0; n < names.size(); ++n)
    name_of[spec["axes"][0]["values"][n].get<std::string>()] = names[n];
  const auto start = std::chrono::steady_clock::now();
  const std::string spec_path = output_path(o.out_dir, "fused_spec", ".json");
  write_output_file(spec_path, spec.dump(1) + "\n");
  SweepRunOptions sweep;
  sweep.spec = spec_path;
  sweep.out_dir = o.out_dir + "/sweep";
  sweep.cores = o.cores;
  sweep.snakefile = o.snakefile;
  sweep.cnnsched = o.cnnsched;
  sweep.log = sweep.out_dir + "/snakemake.log";
  if (run_sweep(sweep) != 0)
    throw std::runtime_error("the sweep of " + spec_path + " failed: see " + sweep.log);
  const std::vector<FusedRow> rows = read_rows(spec_path, sweep.out_dir, name_of);
  const std::string csv = output_path(o.out_dir, "fused", ".csv");
  write_csv(csv, rows);
  const std::vector<std::string> pngs = write_plots(o.out_dir, names, rows);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "fused study: " << rows.size() << " points in " << seconds << " s\nresults: " << csv << '\n';
  if (pngs.empty()) out << "no plots: no point ran (every error is in " << csv << ")\n";
  for (const std::string& png : pngs) out << "plot: " << png << '\n';
  return rows;
}

}  // namespace cnnsched
