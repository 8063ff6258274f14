#include <limits>
#include <ostream>
#include <stdexcept>
#include <unordered_map>

#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/io/json_document.hpp>
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

// The reading of one DAG file, in the order its parts depend on each other.
class DagParser {
 public:
  DagParser(const nlohmann::json& doc, const std::string& source) : root_(doc, source) {
    root_.allow_only({"name", "description", "processors", "tasks", "edges", "buffers", "memory_capacity"});
  }

  DagFile parse() {
    read_processors();
    read_tasks();
    DagFile out{build_graph(), BufferPlan{}, 0};
    if (root_.has("edges"))
      for (const JsonFields& e : root_.objects("edges")) read_edge(out.graph, e);
    try {
      out.graph.finalize();
    } catch (const std::invalid_argument& e) {
      throw root_.error("edges", std::string(e.what()) + "; the edges must form a DAG");
    }
    out.buffers = explicit_buffers() ? read_buffers(out.graph.num_tasks())
                                     : BufferPlan::from_outputs(out.graph, output_bytes_);
    out.memory_capacity = root_.optional_nonnegative_int("memory_capacity", 0);
    return out;
  }

 private:
  bool explicit_buffers() const { return root_.has("buffers"); }

  void read_processors() {
    procs_ = root_.string_list("processors");
    if (!root_.json()["processors"].is_array() || procs_.empty())
      throw root_.error("processors", "must be a non-empty array of processor names");
    for (std::size_t p = 0; p < procs_.size(); ++p)
      for (std::size_t q = 0; q < p; ++q)
        if (procs_[p] == procs_[q])
          throw root_.error("processors[" + std::to_string(p) + "]",
                            "duplicate processor name '" + procs_[p] + "'");
  }

  void read_tasks() {
    const std::vector<JsonFields> tasks = root_.objects("tasks");
    if (tasks.size() > static_cast<std::size_t>(std::numeric_limits<TaskId>::max()))
      throw root_.error("tasks", "at most 2^31 - 1 tasks are supported");
    for (const JsonFields& t : tasks) read_task(t, tasks.size());
  }

  void read_task(const JsonFields& t, std::size_t num_tasks) {
    t.allow_only({"id", "cost", "output_bytes", "layer"});
    const std::string id = t.required_string("id");
    if (!by_name_.emplace(id, static_cast<TaskId>(names_.size())).second)
      throw t.error("id", "duplicate task id '" + id + "'; task ids must be unique");
    names_.push_back(id);
    costs_.push_back(t.int_array("cost", procs_.size(), 0, /*allow_scalar=*/true));
    std::int64_t most = 0;
    for (Time c : costs_.back()) most = std::max(most, c);
    add_checked(total_cost_, most, t, "cost");
    const std::int64_t layer = t.optional_nonnegative_int("layer", -1);
    if (layer >= static_cast<std::int64_t>(num_tasks))
      throw t.error("layer", "must be below the number of tasks (" + std::to_string(num_tasks) + ")");
    layers_.push_back(static_cast<int>(layer));
    if (explicit_buffers() && t.has("output_bytes"))
      throw t.error("output_bytes", "not allowed when the file lists 'buffers' (give the buffer instead)");
    output_bytes_.push_back(t.optional_nonnegative_int("output_bytes", 0));
    add_checked(total_bytes_, output_bytes_.back(), t, "output_bytes");
  }

  TaskGraph build_graph() {
    const std::vector<int> cls = cost_classes(costs_, procs_.size());
    TaskGraph g(procs_, cls);
    std::vector<Time> class_cost(static_cast<std::size_t>(g.num_classes()));
    for (std::size_t t = 0; t < names_.size(); ++t) {
      for (std::size_t p = 0; p < procs_.size(); ++p)
        class_cost[static_cast<std::size_t>(cls[p])] = costs_[t][p];
      g.add_task(names_[t], layers_[t], class_cost);
    }
    costs_.clear();
    return g;
  }

  TaskId task_ref(const JsonFields& f, const std::string& key) const {
    const std::string id = f.required_string(key);
    auto it = by_name_.find(id);
    if (it == by_name_.end())
      throw f.error(key, "unknown task id '" + id + "'; it must name a task in 'tasks'");
    return it->second;
  }

  void read_edge(TaskGraph& g, const JsonFields& e) {
    e.allow_only({"from", "to", "cost", "bytes"});
    const TaskId from = task_ref(e, "from"), to = task_ref(e, "to");
    const Time comm = e.optional_nonnegative_int("cost", 0);
    add_checked(total_cost_, comm, e, "cost");
    const Bytes bytes = e.optional_nonnegative_int("bytes", 0);
    if (g.num_edges() == std::numeric_limits<EdgeId>::max())
      throw root_.error("edges", "at most 2^31 - 1 edges are supported");
    // A second edge between the same tasks would silently add a second cost.
    const std::uint64_t pair = (static_cast<std::uint64_t>(from) << 32) | static_cast<std::uint32_t>(to);
    const auto [first, fresh] = edge_index_.emplace(pair, g.num_edges());
    if (!fresh)
      throw e.error("", "the edge '" + names_[static_cast<std::size_t>(from)] + "' -> '" +
                            names_[static_cast<std::size_t>(to)] + "' is given twice (first as edges[" +
                            std::to_string(first->second) +
                            "]); allowed: one edge per pair of tasks, with one cost and one bytes");
    g.add_edge(from, to, comm, bytes);
  }

  BufferPlan read_buffers(TaskId num_tasks) {
    BufferPlan plan;
    std::unordered_map<std::string, BufferId> buffer_names;
    std::int64_t buffer_total = 0;
    for (const JsonFields& b : root_.objects("buffers")) {
      b.allow_only({"id", "bytes", "users", "until_end"});
      const std::string id = b.required_string("id");
      if (!buffer_names.emplace(id, plan.num_buffers()).second)
        throw b.error("id", "duplicate buffer id '" + id + "'; buffer ids must be unique");
      const Bytes bytes = b.required_nonnegative_int("bytes");
      add_checked(buffer_total, bytes, b, "bytes");
      const BufferId buf = plan.add_buffer(id, bytes, b.optional_bool("until_end", false));
      read_users(plan, buf, b);
    }
    plan.finalize(num_tasks);
    return plan;
  }

  void read_users(BufferPlan& plan, BufferId buf, const JsonFields& b) const {
    const nlohmann::json& users = b.required_array("users");
    for (std::size_t i = 0; i < users.size(); ++i) {
      const std::string key = "users[" + std::to_string(i) + "]";
      if (!users[i].is_string()) throw b.error(key, "must be a task id (a string)");
      auto it = by_name_.find(users[i].get<std::string>());
      if (it == by_name_.end())
        throw b.error(
            key, "unknown task id '" + users[i].get<std::string>() + "'; it must name a task in 'tasks'");
      plan.add_use(it->second, buf);
    }
  }

  const JsonFields root_;
  std::vector<std::string> procs_;
  std::vector<std::string> names_;
  std::vector<int> layers_;
  std::vector<std::vector<Time>> costs_;
  std::vector<Bytes> output_bytes_;
  std::unordered_map<std::string, TaskId> by_name_;
  std::unordered_map<std::uint64_t, EdgeId> edge_index_;
  std::int64_t total_cost_ = 0, total_bytes_ = 0;
};

}  // namespace

DagFile parse_dag_json(const nlohmann::json& doc, const std::string& source) {
  return DagParser(doc, source).parse();
}

DagFile load_dag_json(const std::string& path) { return parse_dag_json(read_json_file(path), path); }

void write_dag_json(std::ostream& out, const TaskGraph& g, const BufferPlan& buffers, Bytes memory_capacity) {
  out << "{\n  \"processors\": [";
  for (int p = 0; p < g.num_processors(); ++p) out << (p ? ", " : "") << json_quoted(g.processor_name(p));
  out << "],\n  \"tasks\": [";
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    out << (t ? ",\n" : "\n") << "    {\"id\": " << json_quoted(g.name(t)) << ", \"cost\": [";
    for (int p = 0; p < g.num_processors(); ++p) out << (p ? ", " : "") << g.cost(t, p);
    out << "]";
    if (g.layer(t) >= 0) out << ", \"layer\": " << g.layer(t);
    out << "}";
  }
  out << "\n  ],\n  \"edges\": [";
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    const Edge& edge = g.edge(e);
    out << (e ? ",\n" : "\n") << "    {\"from\": " << json_quoted(g.name(edge.from))
        << ", \"to\": " << json_quoted(g.name(edge.to)) << ", \"cost\": " << edge.comm_cost;
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
    out << (b ? ",\n" : "\n") << "    {\"id\": " << json_quoted(buf.name) << ", \"bytes\": " << buf.bytes
        << ", \"users\": [";
    const auto& u = users[static_cast<std::size_t>(b)];
    for (std::size_t i = 0; i < u.size(); ++i) out << (i ? ", " : "") << json_quoted(g.name(u[i]));
    out << "]";
    if (buf.until_end) out << ", \"until_end\": true";
    out << "}";
  }
  out << "\n  ]";
  if (memory_capacity > 0) out << ",\n  \"memory_capacity\": " << memory_capacity;
  out << "\n}\n";
}

}  // namespace cnnsched
