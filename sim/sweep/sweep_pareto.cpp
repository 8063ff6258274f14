#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/sweep/sweep_pareto.hpp>

namespace cnnsched {

namespace {

std::string file_safe(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out.empty() ? "network" : out;
}

std::string plot_script(const std::string& network, const std::string& csv, const std::string& png) {
  std::ostringstream s;
  s << "set terminal pngcairo size 900,600 font 'Sans,11'\n"
    << "set output '" << png << "'\n"
    << "set datafile separator ','\nset key top right\nset grid\n"
    << "set title 'Sweep: " << network << " (simulated)'\n"
    << "set xlabel 'peak scratchpad memory (bytes)'\nset ylabel 'makespan (ps)'\n"
    << "plot '" << csv << "' skip 1 using 2:3 with points pt 7 ps 0.6 lc rgb '#9e9e9e' title 'points', \\\n"
    << "     '" << csv << "' skip 1 using ($4 == 1 ? $2 : 1/0):3 with linespoints pt 7 lc rgb '#c62828' "
    << "title 'Pareto front'\n";
  return s.str();
}

}  // namespace

void mark_pareto_front(std::vector<ParetoPoint>& points) {
  std::vector<ParetoPoint*> order;
  for (ParetoPoint& p : points) order.push_back(&p);
  std::sort(order.begin(), order.end(), [](const ParetoPoint* a, const ParetoPoint* b) {
    return a->peak != b->peak ? a->peak < b->peak : a->makespan < b->makespan;
  });
  long long best = 0;
  const ParetoPoint* last = nullptr;
  for (ParetoPoint* p : order) {
    const bool tie = last && last->on_front && last->peak == p->peak && last->makespan == p->makespan;
    p->on_front = !last || p->makespan < best || tie;
    if (!last || p->makespan < best) best = p->makespan;
    last = p;
  }
}

void write_pareto_files(const std::string& dir, const std::vector<nlohmann::json>& results) {
  std::map<std::string, std::vector<ParetoPoint>> by_network;
  for (const nlohmann::json& r : results) {
    if (!r.is_object() || r.value("status", "") != "ok") continue;
    const nlohmann::json& m = r.at("metrics");
    by_network[m.value("network_name", "")].push_back(
        {r.value("hash", ""), m.value("peak", 0LL), m.value("makespan", 0LL), false});
  }
  const bool gnuplot = std::system("command -v gnuplot >/dev/null 2>&1") == 0;
  for (auto& [network, points] : by_network) {
    mark_pareto_front(points);
    std::sort(points.begin(), points.end(), [](const ParetoPoint& a, const ParetoPoint& b) {
      return a.peak < b.peak || (a.peak == b.peak && a.makespan < b.makespan);
    });
    std::ostringstream csv;
    csv << "hash,peak,makespan,on_front\n";
    for (const ParetoPoint& p : points)
      csv << p.hash << ',' << p.peak << ',' << p.makespan << ',' << p.on_front << '\n';
    const std::string stem = dir + "/pareto_" + file_safe(network);
    write_output_file(stem + ".csv", csv.str());
    if (!gnuplot) continue;
    const std::string png_tmp = stem + ".png.tmp";
    write_output_file(stem + ".gp", plot_script(network, stem + ".csv", png_tmp));
    if (std::system(("gnuplot '" + stem + ".gp' >/dev/null 2>&1").c_str()) == 0)
      place_output(png_tmp, stem + ".png", stem + ".png");
    else
      std::remove(png_tmp.c_str());
  }
}

}  // namespace cnnsched
