#include <iomanip>
#include <map>
#include <stdexcept>

#include <cnnsched/sched/energy/energy_columns.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/studies/results_table.hpp>
#include <cnnsched/sim/traces/csv_field.hpp>

namespace cnnsched {

namespace {

double percent(double value, double base) { return base > 0 ? 100.0 * value / base : 0.0; }

}  // namespace

void compare_with_baseline(std::vector<ResultRow>& rows) {
  std::map<std::string, const ResultRow*> baseline;
  for (const ResultRow& r : rows)
    if (r.policy == "layer") baseline.emplace(r.group, &r);
  for (ResultRow& r : rows) {
    auto it = baseline.find(r.group);
    if (it == baseline.end()) continue;
    const ResultRow& base = *it->second;
    r.memory_saving_pct = percent(static_cast<double>(base.peak - r.peak), static_cast<double>(base.peak));
    r.makespan_cost_pct =
        percent(static_cast<double>(r.makespan - base.makespan), static_cast<double>(base.makespan));
  }
}

void print_results_table(std::ostream& out, const std::vector<ResultRow>& rows) {
  const auto flags = out.flags();
  std::string study;
  for (const ResultRow& r : rows) {
    if (r.study != study) {
      study = r.study;
      out << "\n[" << study << "]\n"
          << std::left << std::setw(36) << "configuration" << std::setw(9) << "policy" << std::right
          << std::setw(4) << "PEs" << std::setw(9) << "capacity" << std::setw(7) << "tasks" << std::setw(13)
          << "makespan us" << std::setw(11) << "peak B" << std::setw(11) << "mean B" << std::setw(7) << "util"
          << std::setw(10) << "mem save" << std::setw(10) << "time cost" << std::setw(11) << "DRAM fm B"
          << std::setw(10) << "DRAM w B" << std::setw(8) << "DRAM B" << std::setw(11) << "energy nJ"
          << std::setw(11) << "EDP pJ*s" << '\n';
    }
    out << std::left << std::setw(36) << r.config << std::setw(9) << r.policy << std::right << std::setw(4)
        << r.pes << std::setw(9) << (r.capacity > 0 ? std::to_string(r.capacity) : "-") << std::setw(7)
        << r.tasks << std::fixed << std::setprecision(3) << std::setw(13) << micros(r.makespan)
        << std::setw(11) << r.peak << std::setprecision(0) << std::setw(11) << r.mean_bytes
        << std::setprecision(2) << std::setw(7) << r.utilisation << std::setprecision(1) << std::setw(9)
        << r.memory_saving_pct << '%' << std::setw(9) << r.makespan_cost_pct << '%' << std::setw(11)
        << r.dram_feature_map_bytes << std::setw(10) << r.dram_weight_bytes << std::setw(8) << r.dram_bytes
        << std::setprecision(2) << std::setw(11) << r.energy.total_pj() * 1e-3 << std::defaultfloat
        << std::setprecision(3) << std::setw(11) << r.energy.edp_pj_s() << std::fixed << '\n';
  }
  out.flags(flags);
}

void print_against_heft(std::ostream& out, const std::vector<ResultRow>& rows, const std::string& study) {
  std::map<std::string, const ResultRow*> heft;
  for (const ResultRow& r : rows)
    if (r.study == study && r.policy == "heft") heft.emplace(r.group, &r);
  if (heft.empty()) return;
  const auto flags = out.flags();
  out << "\n[" << study << ": memory-aware HEFT against HEFT]\n"
      << std::left << std::setw(36) << "configuration" << std::right << std::setw(9) << "capacity"
      << std::setw(11) << "peak B" << std::setw(13) << "makespan us" << std::setw(12) << "HEFT peak"
      << std::setw(11) << "HEFT us" << std::setw(10) << "mem save" << std::setw(10) << "time cost" << '\n';
  for (const ResultRow& r : rows) {
    auto it = heft.find(r.group);
    if (r.study != study || r.policy != "memheft" || it == heft.end()) continue;
    const ResultRow& h = *it->second;
    out << std::left << std::setw(36) << r.config << std::right << std::setw(9) << r.capacity << std::setw(11)
        << r.peak << std::fixed << std::setprecision(3) << std::setw(13) << micros(r.makespan)
        << std::setw(12) << h.peak << std::setw(11) << micros(h.makespan) << std::setprecision(1)
        << std::setw(9) << percent(static_cast<double>(h.peak - r.peak), static_cast<double>(h.peak)) << '%'
        << std::setw(9)
        << percent(static_cast<double>(r.makespan - h.makespan), static_cast<double>(h.makespan)) << '%'
        << '\n';
  }
  out.flags(flags);
}

void write_results_csv(const std::string& path, const std::vector<ResultRow>& rows) {
  OutputFile file(path);
  std::ostream& out = file.stream();
  out << "study,group,config,policy,pes,capacity_bytes,tasks,planned_makespan_ps,makespan_ps,planned_peak_"
         "bytes,"
         "peak_bytes,mean_bytes,utilisation,memory_saving_pct,makespan_cost_pct,dram_feature_map_bytes,dram_"
         "weight_bytes,dram_bytes";
  for (const auto& [name, value] : count_columns(ActionCounts{})) out << ',' << name;
  for (const auto& [name, value] : energy_columns(EnergyBreakdown{})) out << ',' << name;
  out << '\n' << std::setprecision(10);
  for (const ResultRow& r : rows) {
    out << csv_field(r.study) << ',' << csv_field(r.group) << ',' << csv_field(r.config) << ',' << r.policy
        << ',' << r.pes << ',' << r.capacity << ',' << r.tasks << ',' << r.planned_makespan << ','
        << r.makespan << ',' << r.planned_peak << ',' << r.peak << ',' << r.mean_bytes << ',' << r.utilisation
        << ',' << r.memory_saving_pct << ',' << r.makespan_cost_pct << ',' << r.dram_feature_map_bytes << ','
        << r.dram_weight_bytes << ',' << r.dram_bytes;
    for (const auto& [name, value] : count_columns(r.actions)) out << ',' << value;
    for (const auto& [name, value] : energy_columns(r.energy)) out << ',' << value;
    out << '\n';
  }
  file.commit();
}

}  // namespace cnnsched
