#include <limits>
#include <ostream>
#include <stdexcept>
#include <unordered_map>

#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/io/json_fields.hpp>

namespace cnnsched {
namespace {

// Sums of all costs stay below this, so no schedule time can overflow.
constexpr std::int64_t kTotalLimit = std::int64_t{1} << 62;

void add_checked(std::int64_t& total, std::int64_t v, const JsonFields& where, const std::string& key) {
  if (v > kTotalLimit - total)
    throw where.error(key, "too large: the sum of all such values must stay below 2^62");
  total += v;
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

// Processors whose cost columns are identical share a cost class.
std::vector<int> cost_classes(const std::vector<std::vector<Time>>& costs, std::size_t procs) {
  std::vector<int> cls(procs, -1);
  std::vector<std::size_t> reps;
  for (std::size_t p = 0; p < procs; ++p) {
    for (std::size_t r = 0; r < reps.size() && cls[p] < 0; ++r) {
      bool same = true;
      for (std::size_t t = 0; t < costs.size() && same; ++t) same = costs[t][p] == costs[t][reps[r]];
      if (same) cls[p] = static_cast<int>(r);
    }
    if (cls[p] < 0) {
      cls[p] = static_cast<int>(reps.size());
      reps.push_back(p);
    }
  }
  return cls;
}

}  // namespace

DagFile parse_dag_json(const nlohmann::json& doc, const std::string& source) {
  const JsonFields root(doc, source);
  root.allow_only({"name", "description", "processors", "tasks", "edges", "buffers", "memory_capacity"});
  const std::vector<std::string> procs = root.string_list("processors");
  if (!root.json()["processors"].is_array() || procs.empty())
    throw root.error("processors", "must be a non-empty array of processor names");
  for (std::size_t p = 0; p < procs.size(); ++p)
    for (std::size_t q = 0; q < p; ++q)
      if (procs[p] == procs[q])
        throw root.error("processors[" + std::to_string(p) + "]",
                         "duplicate processor name '" + procs[p] + "'");

  const bool explicit_buffers = root.has("buffers");
  const std::vector<JsonFields> tasks = root.objects("tasks");
  std::vector<std::string> names;
  std::vector<int> layers;
  std::vector<std::vector<Time>> costs;
  std::vector<Bytes> output_bytes;
  std::unordered_map<std::string, TaskId> by_name;
  std::int64_t total_cost = 0, total_bytes = 0;
  if (tasks.size() > static_cast<std::size_t>(std::numeric_limits<TaskId>::max()))
    throw root.error("tasks", "at most 2^31 - 1 tasks are supported");
  for (const JsonFields& t : tasks) {
    t.allow_only({"id", "cost", "output_bytes", "layer"});
    const std::string id = t.required_string("id");
    if (!by_name.emplace(id, static_cast<TaskId>(names.size())).second)
      throw t.error("id", "duplicate task id '" + id + "'; task ids must be unique");
    names.push_back(id);
    costs.push_back(t.int_array("cost", procs.size(), 0, /*allow_scalar=*/true));
    std::int64_t most = 0;
    for (Time c : costs.back()) most = std::max(most, c);
    add_checked(total_cost, most, t, "cost");
    const std::int64_t layer = t.optional_nonnegative_int("layer", -1);
    if (layer >= static_cast<std::int64_t>(tasks.size()))
      throw t.error("layer", "must be below the number of tasks (" + std::to_string(tasks.size()) + ")");
    layers.push_back(static_cast<int>(layer));
    if (explicit_buffers && t.has("output_bytes"))
      throw t.error("output_bytes", "not allowed when the file lists 'buffers' (give the buffer instead)");
    output_bytes.push_back(t.optional_nonnegative_int("output_bytes", 0));
    add_checked(total_bytes, output_bytes.back(), t, "output_bytes");
  }

  const std::vector<int> cls = cost_classes(costs, procs.size());
  DagFile out{TaskGraph(procs, cls), BufferPlan{}, 0};
  TaskGraph& g = out.graph;
  const int num_classes = g.num_classes();
  std::vector<Time> class_cost(static_cast<std::size_t>(num_classes));
  for (std::size_t t = 0; t < names.size(); ++t) {
    for (std::size_t p = 0; p < procs.size(); ++p) class_cost[static_cast<std::size_t>(cls[p])] = costs[t][p];
    g.add_task(names[t], layers[t], class_cost);
  }
  costs.clear();

  auto task_ref = [&](const JsonFields& f, const std::string& key) {
    const std::string id = f.required_string(key);
    auto it = by_name.find(id);
    if (it == by_name.end())
      throw f.error(key, "unknown task id '" + id + "'; it must name a task in 'tasks'");
    return it->second;
  };
  if (root.has("edges")) {
    for (const JsonFields& e : root.objects("edges")) {
      e.allow_only({"from", "to", "cost", "bytes"});
      const TaskId from = task_ref(e, "from"), to = task_ref(e, "to");
      const Time comm = e.optional_nonnegative_int("cost", 0);
      add_checked(total_cost, comm, e, "cost");
      const Bytes bytes = e.optional_nonnegative_int("bytes", 0);
      if (g.num_edges() == std::numeric_limits<EdgeId>::max())
        throw root.error("edges", "at most 2^31 - 1 edges are supported");
      g.add_edge(from, to, comm, bytes);
    }
  }
  try {
    g.finalize();
  } catch (const std::invalid_argument& e) {
    throw root.error("edges", std::string(e.what()) + "; the edges must form a DAG");
  }

  if (explicit_buffers) {
    std::unordered_map<std::string, BufferId> buffer_names;
    std::int64_t buffer_total = 0;
    for (const JsonFields& b : root.objects("buffers")) {
      b.allow_only({"id", "bytes", "users", "until_end"});
      const std::string id = b.required_string("id");
      if (!buffer_names.emplace(id, out.buffers.num_buffers()).second)
        throw b.error("id", "duplicate buffer id '" + id + "'; buffer ids must be unique");
      const Bytes bytes = b.required_nonnegative_int("bytes");
      add_checked(buffer_total, bytes, b, "bytes");
      const BufferId buf = out.buffers.add_buffer(id, bytes, b.optional_bool("until_end", false));
      const nlohmann::json& users = b.required_array("users");
      for (std::size_t i = 0; i < users.size(); ++i) {
        const std::string key = "users[" + std::to_string(i) + "]";
        if (!users[i].is_string()) throw b.error(key, "must be a task id (a string)");
        auto it = by_name.find(users[i].get<std::string>());
        if (it == by_name.end())
          throw b.error(
              key, "unknown task id '" + users[i].get<std::string>() + "'; it must name a task in 'tasks'");
        out.buffers.add_use(it->second, buf);
      }
    }
    out.buffers.finalize(g.num_tasks());
  } else {
    out.buffers = BufferPlan::from_outputs(g, output_bytes);
  }
  out.memory_capacity = root.optional_nonnegative_int("memory_capacity", 0);
  return out;
}

DagFile load_dag_json(const std::string& path) { return parse_dag_json(read_json_file(path), path); }

void write_dag_json(std::ostream& out, const TaskGraph& g, const BufferPlan& buffers, Bytes memory_capacity) {
  out << "{\n  \"processors\": [";
  for (int p = 0; p < g.num_processors(); ++p) out << (p ? ", " : "") << quoted(g.processor_name(p));
  out << "],\n  \"tasks\": [";
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    out << (t ? ",\n" : "\n") << "    {\"id\": " << quoted(g.name(t)) << ", \"cost\": [";
    for (int p = 0; p < g.num_processors(); ++p) out << (p ? ", " : "") << g.cost(t, p);
    out << "]";
    if (g.layer(t) >= 0) out << ", \"layer\": " << g.layer(t);
    out << "}";
  }
  out << "\n  ],\n  \"edges\": [";
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    const Edge& edge = g.edge(e);
    out << (e ? ",\n" : "\n") << "    {\"from\": " << quoted(g.name(edge.from))
        << ", \"to\": " << quoted(g.name(edge.to)) << ", \"cost\": " << edge.comm_cost;
    if (edge.bytes > 0) out << ", \"bytes\": " << edge.bytes;
    out << "}";
  }
  // Users per buffer, from the per-task index.
  std::vector<std::vector<TaskId>> users(static_cast<std::size_t>(buffers.num_buffers()));
  for (TaskId t = 0; t < g.num_tasks(); ++t)
    for (BufferId b : buffers.buffers_of(t)) users[static_cast<std::size_t>(b)].push_back(t);
  out << "\n  ],\n  \"buffers\": [";
  for (BufferId b = 0; b < buffers.num_buffers(); ++b) {
    const Buffer& buf = buffers.buffer(b);
    out << (b ? ",\n" : "\n") << "    {\"id\": " << quoted(buf.name) << ", \"bytes\": " << buf.bytes
        << ", \"users\": [";
    const auto& u = users[static_cast<std::size_t>(b)];
    for (std::size_t i = 0; i < u.size(); ++i) out << (i ? ", " : "") << quoted(g.name(u[i]));
    out << "]";
    if (buf.until_end) out << ", \"until_end\": true";
    out << "}";
  }
  out << "\n  ]";
  if (memory_capacity > 0) out << ",\n  \"memory_capacity\": " << memory_capacity;
  out << "\n}\n";
}

}  // namespace cnnsched
