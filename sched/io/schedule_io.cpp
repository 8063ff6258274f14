#include <ostream>

#include <cnnsched/sched/io/json_document.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/io/schedule_io.hpp>

namespace cnnsched {
namespace {}  // namespace

void write_schedule_json(std::ostream& out, const TaskGraph& g, const Schedule& s, Bytes peak_memory_bytes) {
  out << "{\n  \"policy\": " << json_quoted(s.policy) << ",\n  \"makespan\": " << s.makespan()
      << ",\n  \"peak_memory_bytes\": " << peak_memory_bytes << ",\n  \"capacity\": " << s.capacity
      << ",\n  \"processors\": [";
  for (int p = 0; p < g.num_processors(); ++p) out << (p ? ", " : "") << json_quoted(g.processor_name(p));
  out << "],\n  \"tasks\": [";
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    const Slot& slot = s.slots[static_cast<std::size_t>(t)];
    out << (t ? ",\n" : "\n") << "    {\"id\": " << json_quoted(g.name(t))
        << ", \"processor\": " << (slot.proc >= 0 ? json_quoted(g.processor_name(slot.proc)) : "null")
        << ", \"start\": " << slot.start << ", \"finish\": " << slot.finish << "}";
  }
  out << "\n  ],\n  \"order\": [";
  for (std::size_t i = 0; i < s.order.size(); ++i) out << (i ? ", " : "") << json_quoted(g.name(s.order[i]));
  out << "]\n}\n";
}

Schedule parse_schedule_json(const nlohmann::json& doc, const std::string& source, const TaskGraph& g) {
  const JsonFields root(doc, source);
  root.allow_only({"policy", "makespan", "peak_memory_bytes", "capacity", "processors", "tasks", "order"});
  Schedule s;
  s.policy = root.optional_string("policy", "");
  s.capacity = root.optional_nonnegative_int("capacity", 0);
  s.slots.assign(static_cast<std::size_t>(g.num_tasks()), Slot{});
  std::vector<char> seen(static_cast<std::size_t>(g.num_tasks()), 0);
  auto task_ref = [&](const JsonFields& f, const std::string& key, const std::string& id) {
    const TaskId t = g.find(id);
    if (t < 0) throw f.error(key, "unknown task id '" + id + "'; it must name a task of the graph");
    return t;
  };
  for (const JsonFields& f : root.objects("tasks")) {
    f.allow_only({"id", "processor", "start", "finish"});
    const TaskId t = task_ref(f, "id", f.required_string("id"));
    if (seen[static_cast<std::size_t>(t)]++) throw f.error("id", "task '" + g.name(t) + "' is listed twice");
    const std::string proc = f.required_string("processor");
    Slot& slot = s.slots[static_cast<std::size_t>(t)];
    for (int p = 0; p < g.num_processors() && slot.proc < 0; ++p)
      if (g.processor_name(p) == proc) slot.proc = p;
    if (slot.proc < 0) throw f.error("processor", "unknown processor '" + proc + "'");
    slot.start = f.required_nonnegative_int("start");
    slot.finish = f.required_nonnegative_int("finish");
  }
  for (TaskId t = 0; t < g.num_tasks(); ++t)
    if (!seen[static_cast<std::size_t>(t)]) throw root.error("tasks", "task '" + g.name(t) + "' is missing");
  if (root.has("order")) {
    const std::vector<std::string> order = root.string_list("order");
    for (std::size_t i = 0; i < order.size(); ++i)
      s.order.push_back(task_ref(root, "order[" + std::to_string(i) + "]", order[i]));
  }
  return s;
}

Schedule load_schedule_json(const std::string& path, const TaskGraph& graph) {
  return parse_schedule_json(read_json_file(path), path, graph);
}

}  // namespace cnnsched
