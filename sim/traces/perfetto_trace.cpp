#include <nlohmann/json.hpp>
#include <stdexcept>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/traces/perfetto_trace.hpp>

namespace cnnsched {

namespace {
double to_us(Time ps) { return static_cast<double>(ps) / 1e6; }
constexpr int kPid = 1;
}  // namespace

void write_perfetto_trace(const std::string& path, const SimResult& result, const TaskGraph& graph) {
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
    events.push_back({{"name", graph.name(t.task)},
                      {"cat", "task"},
                      {"ph", "X"},
                      {"pid", kPid},
                      {"tid", t.pe + 1},
                      {"ts", to_us(t.start)},
                      {"dur", to_us(t.finish - t.start)},
                      {"args",
                       {{"layer", graph.layer(t.task)},
                        {"planned_start_ps", t.planned_start},
                        {"planned_finish_ps", t.planned_finish},
                        {"start_ps", t.start},
                        {"finish_ps", t.finish},
                        {"waited_for", start_limit_name(t.limit)}}}});
  }
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
