#include <algorithm>
#include <limits>
#include <stdexcept>

#include <cnnsched/sched/graph/task_graph.hpp>

namespace cnnsched {

TaskGraph::TaskGraph(std::vector<std::string> processor_names, std::vector<int> processor_class)
    : proc_names_(std::move(processor_names)), proc_class_(std::move(processor_class)) {
  if (proc_names_.empty() || proc_names_.size() != proc_class_.size())
    throw std::invalid_argument("TaskGraph: need one class per processor and at least one processor");
  num_classes_ = *std::max_element(proc_class_.begin(), proc_class_.end()) + 1;
}

TaskGraph TaskGraph::with_distinct_processors(std::vector<std::string> processor_names) {
  std::vector<int> cls(processor_names.size());
  for (std::size_t i = 0; i < cls.size(); ++i) cls[i] = static_cast<int>(i);
  return TaskGraph(std::move(processor_names), std::move(cls));
}

void TaskGraph::reserve(std::size_t tasks, std::size_t edges) {
  names_.reserve(tasks);
  layers_.reserve(tasks);
  costs_.reserve(tasks * static_cast<std::size_t>(num_classes_));
  edges_.reserve(edges);
}

TaskId TaskGraph::add_task(std::string name, int layer, const std::vector<Time>& cost_per_class) {
  if (static_cast<int>(cost_per_class.size()) != num_classes_)
    throw std::invalid_argument("task '" + name + "': expected " + std::to_string(num_classes_) + " costs");
  names_.push_back(std::move(name));
  layers_.push_back(layer);
  num_layers_ = std::max(num_layers_, layer + 1);
  costs_.insert(costs_.end(), cost_per_class.begin(), cost_per_class.end());
  finalized_ = false;
  return num_tasks() - 1;
}

EdgeId TaskGraph::add_edge(TaskId from, TaskId to, Time comm_cost, Bytes bytes) {
  if (from < 0 || to < 0 || from >= num_tasks() || to >= num_tasks())
    throw std::invalid_argument("edge refers to an unknown task");
  edges_.push_back({from, to, comm_cost, bytes});
  finalized_ = false;
  return num_edges() - 1;
}

void TaskGraph::finalize() {
  const std::size_t n = names_.size();
  in_off_.assign(n + 1, 0);
  out_off_.assign(n + 1, 0);
  for (const Edge& e : edges_) {
    ++in_off_[idx(e.to) + 1];
    ++out_off_[idx(e.from) + 1];
  }
  for (std::size_t i = 0; i < n; ++i) {
    in_off_[i + 1] += in_off_[i];
    out_off_[i + 1] += out_off_[i];
  }
  in_edges_.assign(edges_.size(), 0);
  out_edges_.assign(edges_.size(), 0);
  std::vector<std::size_t> in_pos(in_off_.begin(), in_off_.end() - 1);
  std::vector<std::size_t> out_pos(out_off_.begin(), out_off_.end() - 1);
  for (EdgeId e = 0; e < num_edges(); ++e) {
    in_edges_[in_pos[idx(edges_[e].to)]++] = e;
    out_edges_[out_pos[idx(edges_[e].from)]++] = e;
  }
  // Kahn's algorithm; a FIFO keeps the order stable (lower ids first among equals).
  std::vector<std::size_t> indeg(n);
  topo_.clear();
  topo_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    indeg[i] = in_off_[i + 1] - in_off_[i];
    if (indeg[i] == 0) topo_.push_back(static_cast<TaskId>(i));
  }
  for (std::size_t head = 0; head < topo_.size(); ++head) {
    for (EdgeId e : out_edges(topo_[head])) {
      const TaskId to = edges_[e].to;
      if (--indeg[idx(to)] == 0) topo_.push_back(to);
    }
  }
  if (topo_.size() != n) {
    // Walk back along unresolved in-edges until a task repeats: that task is on a cycle.
    std::size_t t = 0;
    while (indeg[t] == 0) ++t;
    std::vector<char> seen(n, 0);
    while (!seen[t]) {
      seen[t] = 1;
      for (EdgeId e : in_edges(static_cast<TaskId>(t)))
        if (indeg[idx(edges_[e].from)] != 0) {
          t = idx(edges_[e].from);
          break;
        }
    }
    throw std::invalid_argument("the task graph has a cycle through task '" + names_[t] + "'");
  }
  by_name_.clear();
  finalized_ = true;
}

double TaskGraph::mean_cost(TaskId t) const {
  double sum = 0;
  for (int p = 0; p < num_processors(); ++p) sum += static_cast<double>(cost(t, p));
  return sum / num_processors();
}

Time TaskGraph::min_cost(TaskId t) const {
  Time best = std::numeric_limits<Time>::max();
  for (int c = 0; c < num_classes_; ++c) best = std::min(best, class_cost(t, c));
  return best;
}

TaskId TaskGraph::find(const std::string& name) const {
  if (by_name_.size() != names_.size()) {
    by_name_.clear();
    by_name_.reserve(names_.size());
    for (TaskId t = 0; t < num_tasks(); ++t) by_name_.emplace_back(names_[idx(t)], t);
    std::sort(by_name_.begin(), by_name_.end());
  }
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), std::make_pair(name, TaskId{-1}));
  return (it != by_name_.end() && it->first == name) ? it->second : -1;
}

}  // namespace cnnsched
