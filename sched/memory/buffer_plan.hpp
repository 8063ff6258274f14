#pragma once
// The memory model of cnnsched, defined once and used by every scheduler, the
// validator and the simulated scratchpad:
//
//   A buffer occupies the scratchpad from the start of the first task that uses
//   it (reads or writes it) until the finish of the last task that uses it.
//   A buffer marked `until_end` (a network output) stays until the makespan.
//   At one instant, frees happen before allocations.
//
// What the buffers are is the front end's choice: for a tile graph, one per
// output tile, one per network-input tile and one per weight slice; for the
// layer-by-layer baseline the same buffers grouped per layer (see grouped()).
#include <string>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

class TaskGraph;

struct Buffer {
  std::string name;
  Bytes bytes = 0;
  bool until_end = false;
};

class BufferPlan {
 public:
  BufferId add_buffer(std::string name, Bytes bytes, bool until_end = false);
  void add_use(TaskId task, BufferId buffer);  // a task reads or writes the buffer
  // Builds the per-task index; num_tasks must cover every task of the graph.
  void finalize(TaskId num_tasks);

  BufferId num_buffers() const { return static_cast<BufferId>(buffers_.size()); }
  const Buffer& buffer(BufferId b) const { return buffers_[static_cast<std::size_t>(b)]; }
  IdRange<BufferId> buffers_of(TaskId t) const {
    const auto i = static_cast<std::size_t>(t);
    return {task_bufs_.data() + off_[i], task_bufs_.data() + off_[i + 1]};
  }
  int num_users(BufferId b) const { return users_[static_cast<std::size_t>(b)]; }
  Bytes total_bytes() const;

  // Generic DAGs: one buffer per task with output bytes, used by the task and its
  // successors; kept until the end when the task has no successor.
  static BufferPlan from_outputs(const TaskGraph& graph, const std::vector<Bytes>& output_bytes);

  // Merges buffers into groups (group_of[b] in [0, names.size())): a group's bytes are
  // the sum, its users the union, until_end if any member is. offset_in_group[b]
  // says where buffer b sits inside its group (members packed in id order).
  struct Grouping {
    std::vector<int> group_of;
    std::vector<std::string> names;
  };
  struct Grouped;
  Grouped grouped(const Grouping& grouping) const;

 private:
  std::vector<Buffer> buffers_;
  std::vector<std::pair<TaskId, BufferId>> uses_;
  std::vector<std::size_t> off_;
  std::vector<BufferId> task_bufs_;
  std::vector<int> users_;
};

struct BufferPlan::Grouped {
  BufferPlan plan;
  std::vector<BufferId> group_of;      // per original buffer
  std::vector<Bytes> offset_in_group;  // per original buffer
};

}  // namespace cnnsched
