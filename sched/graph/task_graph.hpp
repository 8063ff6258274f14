#pragma once
// A task DAG on a set of processors: any graph the schedulers take, whether it
// comes from tiling a CNN or from a user's JSON file.
#include <string>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct Edge {
  TaskId from = 0;
  TaskId to = 0;
  Time comm_cost = 0;  // time added when the two tasks run on different processors
  Bytes bytes = 0;     // data the consumer reads from the producer
};

class TaskGraph {
 public:
  TaskGraph() = default;
  // Processors with equal speed share a class; a task stores one cost per class,
  // so 1 M tasks on 16 identical PEs store 1 M costs, not 16 M.
  TaskGraph(std::vector<std::string> processor_names, std::vector<int> processor_class);
  // Every processor its own class (generic DAGs: one cost per processor).
  static TaskGraph with_distinct_processors(std::vector<std::string> processor_names);

  TaskId add_task(std::string name, int layer, const std::vector<Time>& cost_per_class);
  EdgeId add_edge(TaskId from, TaskId to, Time comm_cost = 0, Bytes bytes = 0);
  void reserve(std::size_t tasks, std::size_t edges);
  // Builds the adjacency and a topological order; throws std::invalid_argument
  // naming a task on a cycle. Must be called before the queries below.
  void finalize();
  bool finalized() const { return finalized_; }

  int num_processors() const { return static_cast<int>(proc_names_.size()); }
  int num_classes() const { return num_classes_; }
  int processor_class(int proc) const { return proc_class_[proc]; }
  const std::string& processor_name(int proc) const { return proc_names_[proc]; }

  TaskId num_tasks() const { return static_cast<TaskId>(names_.size()); }
  EdgeId num_edges() const { return static_cast<EdgeId>(edges_.size()); }
  const std::string& name(TaskId t) const { return names_[t]; }
  int layer(TaskId t) const { return layers_[t]; }  // -1 when unknown
  int num_layers() const { return num_layers_; }    // 1 + largest layer index
  Time cost(TaskId t, int proc) const { return costs_[idx(t) * num_classes_ + proc_class_[proc]]; }
  Time class_cost(TaskId t, int cls) const { return costs_[idx(t) * num_classes_ + cls]; }
  double mean_cost(TaskId t) const;  // over processors, as HEFT's rank uses it
  Time min_cost(TaskId t) const;     // on the fastest processor

  const Edge& edge(EdgeId e) const { return edges_[e]; }
  IdRange<EdgeId> in_edges(TaskId t) const { return range(in_off_, in_edges_, t); }
  IdRange<EdgeId> out_edges(TaskId t) const { return range(out_off_, out_edges_, t); }
  const std::vector<TaskId>& topological_order() const { return topo_; }
  // Task id by name, or -1 (builds an index on first use).
  TaskId find(const std::string& name) const;

 private:
  static std::size_t idx(TaskId t) { return static_cast<std::size_t>(t); }
  static IdRange<EdgeId> range(const std::vector<std::size_t>& off, const std::vector<EdgeId>& ids,
                               TaskId t) {
    return {ids.data() + off[idx(t)], ids.data() + off[idx(t) + 1]};
  }

  std::vector<std::string> proc_names_;
  std::vector<int> proc_class_;
  int num_classes_ = 0;
  std::vector<std::string> names_;
  std::vector<int> layers_;
  int num_layers_ = 0;
  std::vector<Time> costs_;
  std::vector<Edge> edges_;
  std::vector<std::size_t> in_off_, out_off_;
  std::vector<EdgeId> in_edges_, out_edges_;
  std::vector<TaskId> topo_;
  bool finalized_ = false;
  mutable std::vector<std::pair<std::string, TaskId>> by_name_;
};

}  // namespace cnnsched
