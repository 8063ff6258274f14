#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/traces/perfetto_trace.hpp>

namespace cnnsched {

namespace {
double to_us(Time ps) { return static_cast<double>(ps) / 1e6; }
constexpr int kPid = 1;

// The DRAM bandwidth the running transfers draw, one sample per instant.
void add_bandwidth_counter(nlohmann::json& events, const SimResult& result, const OffchipPlan& offchip) {
  std::vector<std::pair<Time, double>> steps;  // (time, GB/s change)
  for (const SimTaskTime& t : result.tasks) {
    const Transfer& x = offchip.transfers[static_cast<std::size_t>(t.task)];
    if (x.kind == TransferKind::kNone || t.finish <= t.start) continue;
    const double gbps = static_cast<double>(x.bytes) / static_cast<double>(t.finish - t.start) * 1e3;
    steps.push_back({t.start, gbps});
    steps.push_back({t.finish, -gbps});
  }
  std::sort(steps.begin(), steps.end());
  double level = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    level += steps[i].second;
    if (i + 1 < steps.size() && steps[i + 1].first == steps[i].first) continue;
    events.push_back({{"name", "DRAM GB/s"},
                      {"ph", "C"},
                      {"pid", kPid},
                      {"ts", to_us(steps[i].first)},
                      {"args", {{"GB/s", std::max(level, 0.0)}}}});
  }
}

}  // namespace

void write_perfetto_trace(const std::string& path, const SimResult& result, const TaskGraph& graph,
                          const OffchipPlan* offchip) {
  using nlohmann::json;
  json events = json::array();
  events.push_back({{"name", "process_name"},
                    {"ph", "M"},
                    {"pid", kPid},
                    {"args", {{"name", "accelerator (" + result.policy + ", " + result.platform + ")"}}}});
  for (int p = 0; p < graph.num_processors(); ++p) {
    events.push_back({{"name", "thread_name"},
                      {"ph", "M"},
                      {"pid", kPid},
                      {"tid", p + 1},
                      {"args", {{"name", graph.processor_name(p)}}}});
    events.push_back({{"name", "thread_sort_index"},
                      {"ph", "M"},
                      {"pid", kPid},
                      {"tid", p + 1},
                      {"args", {{"sort_index", p}}}});
  }
  for (const SimTaskTime& t : result.tasks) {
    nlohmann::json args = {{"layer", graph.layer(t.task)},
                           {"planned_start_ps", t.planned_start},
                           {"planned_finish_ps", t.planned_finish},
                           {"start_ps", t.start},
                           {"finish_ps", t.finish},
                           {"waited_for", start_limit_name(t.limit)}};
    if (offchip) {
      const Transfer& x = offchip->transfers[static_cast<std::size_t>(t.task)];
      if (x.kind != TransferKind::kNone) {
        args["transfer"] = transfer_kind_name(x.kind);
        args["bytes"] = x.bytes;
      }
    }
    events.push_back({{"name", graph.name(t.task)},
                      {"cat", "task"},
                      {"ph", "X"},
                      {"pid", kPid},
                      {"tid", t.pe + 1},
                      {"ts", to_us(t.start)},
                      {"dur", to_us(t.finish - t.start)},
                      {"args", args}});
  }
  if (offchip) add_bandwidth_counter(events, result, *offchip);
  // One counter sample per instant: the occupancy after that instant's events.
  const auto& mem = result.memory_events;
  for (std::size_t i = 0; i < mem.size(); ++i) {
    if (i + 1 < mem.size() && mem[i + 1].time == mem[i].time) continue;
    events.push_back({{"name", "scratchpad bytes"},
                      {"ph", "C"},
                      {"pid", kPid},
                      {"ts", to_us(mem[i].time)},
                      {"args", {{"bytes", mem[i].in_use}}}});
  }
  OutputFile file(path);
  std::ostream& out = file.stream();
  out << json{{"traceEvents", events}, {"displayTimeUnit", "ns"}}.dump() << '\n';
  file.commit();
}

}  // namespace cnnsched
