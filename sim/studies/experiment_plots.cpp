#include <fstream>
#include <map>
#include <stdexcept>

#include <cnnsched/sim/studies/experiment_plots.hpp>
#include <cnnsched/sim/studies/gnuplot_files.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

namespace {

const ResultRow* find(const std::vector<ResultRow>& rows, const std::string& study,
                      const std::string& policy) {
  for (const ResultRow& r : rows)
    if (r.study == study && r.policy == policy) return &r;
  return nullptr;
}

// The occupancy after each instant: a free and an allocation at the same time
// would otherwise draw a zero-width spike that no time ever holds.
std::string occupancy_per_instant(const std::string& dir, const std::string& stem,
                                  const std::string& policy) {
  const std::string csv = dir + "/" + stem + "_" + policy + ".memory.csv";
  std::ifstream in(csv);
  if (!in) throw std::runtime_error("cannot read " + csv);
  const std::string dat = output_path(dir, stem + "_" + policy, ".occupancy.dat");
  PlotFile out(dat);
  out << "# time_us,bytes_in_use (after all events of the instant)\n";
  std::string line, last_time, bytes;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const std::size_t a = line.find(','), b = line.find(',', a + 1);
    const std::string time = line.substr(0, a);
    if (!last_time.empty() && time != last_time) out << std::stod(last_time) / 1e6 << ',' << bytes << '\n';
    last_time = time;
    bytes = line.substr(a + 1, b - a - 1);
  }
  if (!last_time.empty()) out << std::stod(last_time) / 1e6 << ',' << bytes << '\n';
  out.close();
  return dat;
}

std::string memory_plot(const std::string& dir, const std::string& stem, const std::vector<ResultRow>& rows) {
  const std::string png = output_path(dir, "memory_over_time", ".png");
  const std::string gp = output_path(dir, "memory_over_time", ".gp");
  const ResultRow* mem = find(rows, "policies", "memheft");
  PlotFile out(gp);
  out << kGnuplotPreamble << "set output '" << gnuplot_partial(png) << "'\n"
      << "set title 'LeNet-5 C1-S2-C3: scratchpad occupancy over time (simulated)'\n"
      << "set xlabel 'time (us)'\nset ylabel 'bytes in use'\n";
  if (mem && mem->capacity > 0)
    out << "set arrow from graph 0, first " << mem->capacity << " to graph 1, first " << mem->capacity
        << " nohead dashtype 2 lc rgb 'gray40'\n"
        << "set label 'memheft capacity " << mem->capacity << " B' at graph 0.01, first " << mem->capacity
        << " offset 0,0.7 tc rgb 'gray30'\n";
  out << "plot ";
  const char* names[][2] = {{"layer", "layer-by-layer"}, {"heft", "HEFT"}, {"memheft", "memory-aware HEFT"}};
  for (int i = 0; i < 3; ++i)
    out << (i ? ", \\\n     " : "") << "'" << occupancy_per_instant(dir, stem, names[i][0])
        << "' using 1:2 with steps lw 2 title '" << names[i][1] << "'";
  out << '\n';
  out.close();
  run_gnuplot(gp, png);
  return png;
}

std::string pareto_plot(const std::string& dir, const std::vector<ResultRow>& rows) {
  const std::string png = output_path(dir, "pareto", ".png");
  const std::string dat = output_path(dir, "pareto", ".dat");
  const std::string gp = output_path(dir, "pareto", ".gp");
  PlotFile data(dat);
  data << "# makespan_us,peak_bytes,capacity_bytes (memheft capacity sweep)\n";
  for (const ResultRow& r : rows)
    if (r.study == "capacity sweep") data << micros(r.makespan) << ',' << r.peak << ',' << r.capacity << '\n';
  data.close();
  PlotFile out(gp);
  out << kGnuplotPreamble << "set output '" << gnuplot_partial(png) << "'\n"
      << "set title 'LeNet-5 C1-S2-C3: makespan against peak memory (simulated)'\n"
      << "set xlabel 'makespan (us)'\nset ylabel 'peak scratchpad occupancy (bytes)'\n"
      << "plot '" << dat
      << "' using 1:2 with linespoints pt 7 ps 1.3 lw 2 title 'memory-aware HEFT, capacity sweep'";
  for (const char* policy : {"layer", "heft"}) {
    const ResultRow* r = find(rows, "policies", policy);
    if (!r) continue;
    out << ", \\\n     '+' using (" << micros(r->makespan) << "):(" << r->peak
        << ") every ::0::0 with points pt " << (policy[0] == 'l' ? 5 : 9) << " ps 2.5 title '"
        << (policy[0] == 'l' ? "layer-by-layer" : "HEFT") << "'";
  }
  out << '\n';
  out.close();
  run_gnuplot(gp, png);
  return png;
}

// The bars of one slicing study's rows (`study`), into <name>.png.
std::string slicing_plot(const std::string& dir, const std::vector<ResultRow>& rows, const std::string& study,
                         const std::string& name, const std::string& title) {
  const std::string png = output_path(dir, name, ".png");
  const std::string dat = output_path(dir, name, ".dat");
  const std::string gp = output_path(dir, name, ".gp");
  // One line per variant: peaks then makespans of layer, heft, memheft (headline), memheft (min memory).
  std::map<std::string, std::map<std::string, const ResultRow*>> by_variant;
  std::vector<std::string> order;
  for (const ResultRow& r : rows) {
    if (r.study != study) continue;
    const bool minimum = r.config.find("(min memory)") != std::string::npos;
    const std::string variant = minimum ? r.config.substr(0, r.config.find(" (min memory)")) : r.config;
    if (by_variant.find(variant) == by_variant.end()) order.push_back(variant);
    by_variant[variant][minimum ? "memmin" : r.policy] = &r;
  }
  PlotFile data(dat);
  data
      << "# variant,peak layer,peak heft,peak memheft,peak memheft-min,makespan layer,makespan heft,makespan "
         "memheft,makespan memheft-min (us)\n";
  for (const std::string& v : order) {
    data << '"' << v << '"';
    for (const char* p : {"layer", "heft", "memheft", "memmin"}) data << ',' << by_variant[v][p]->peak;
    for (const char* p : {"layer", "heft", "memheft", "memmin"})
      data << ',' << micros(by_variant[v][p]->makespan);
    data << '\n';
  }
  data.close();
  PlotFile out(gp);
  out << "set terminal pngcairo size 1400,1000 font 'Sans,11'\nset output '" << gnuplot_partial(png) << "'\n"
      << "set datafile separator ','\nset style data histograms\nset style histogram clustered gap 1\n"
      << "set style fill solid 0.85 border -1\nset grid ytics\nset key outside right top\n"
      << "set xtics rotate by -30\nset multiplot layout 2,1 title 'LeNet-5 C1-S2-C3: " << title << "'\n"
      << "set ylabel 'peak memory (bytes)'\n"
      << "plot '" << dat << "' using 2:xtic(1) title 'layer-by-layer', '' using 3 title 'HEFT', "
      << "'' using 4 title 'memory-aware HEFT (<= 10% slower)', '' using 5 title 'memory-aware HEFT (least "
         "memory)'\n"
      << "set ylabel 'makespan (us)'\n"
      << "plot '" << dat << "' using 6:xtic(1) title 'layer-by-layer', '' using 7 title 'HEFT', "
      << "'' using 8 title 'memory-aware HEFT (<= 10% slower)', '' using 9 title 'memory-aware HEFT (least "
         "memory)'\n"
      << "unset multiplot\n";
  out.close();
  run_gnuplot(gp, png);
  return png;
}

}  // namespace

std::vector<std::string> write_experiment_plots(const std::string& out_dir, const std::string& stem,
                                                const std::vector<ResultRow>& rows) {
  std::vector<std::string> pngs;
  if (find(rows, "policies", "memheft")) pngs.push_back(memory_plot(out_dir, stem, rows));
  if (find(rows, "capacity sweep", "memheft")) pngs.push_back(pareto_plot(out_dir, rows));
  if (find(rows, "slicing", "layer"))
    pngs.push_back(slicing_plot(out_dir, rows, "slicing", "slicing", "slicing study (C1, S2, C3 cut alike)"));
  if (find(rows, "pool slicing", "layer"))
    pngs.push_back(slicing_plot(out_dir, rows, "pool slicing", "pool_slicing",
                                "pooling-slicing study (S2 alone, C1 and C3 fixed)"));
  return pngs;
}

}  // namespace cnnsched
