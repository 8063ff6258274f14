#include <algorithm>
#include <stdexcept>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched {

BufferId BufferPlan::add_buffer(std::string name, Bytes bytes, bool until_end) {
  if (bytes < 0) throw std::invalid_argument("buffer '" + name + "' has negative size");
  buffers_.push_back({std::move(name), bytes, until_end});
  return num_buffers() - 1;
}

void BufferPlan::add_use(TaskId task, BufferId buffer) {
  if (buffer < 0 || buffer >= num_buffers() || task < 0) throw std::invalid_argument("bad buffer use");
  uses_.emplace_back(task, buffer);
}

void BufferPlan::finalize(TaskId num_tasks) {
  std::sort(uses_.begin(), uses_.end());
  uses_.erase(std::unique(uses_.begin(), uses_.end()), uses_.end());
  if (!uses_.empty() && uses_.back().first >= num_tasks)
    throw std::invalid_argument("buffer use by unknown task");
  off_.assign(static_cast<std::size_t>(num_tasks) + 1, 0);
  users_.assign(buffers_.size(), 0);
  task_bufs_.clear();
  task_bufs_.reserve(uses_.size());
  for (const auto& [t, b] : uses_) {
    ++off_[static_cast<std::size_t>(t) + 1];
    ++users_[static_cast<std::size_t>(b)];
    task_bufs_.push_back(b);
  }
  for (std::size_t i = 0; i + 1 < off_.size(); ++i) off_[i + 1] += off_[i];
}

Bytes BufferPlan::total_bytes() const {
  Bytes sum = 0;
  for (const Buffer& b : buffers_) sum += b.bytes;
  return sum;
}

BufferPlan BufferPlan::from_outputs(const TaskGraph& graph, const std::vector<Bytes>& output_bytes) {
  BufferPlan plan;
  for (TaskId t = 0; t < graph.num_tasks(); ++t) {
    if (output_bytes[static_cast<std::size_t>(t)] <= 0) continue;
    const BufferId b =
        plan.add_buffer(graph.name(t), output_bytes[static_cast<std::size_t>(t)], graph.out_edges(t).empty());
    plan.add_use(t, b);
    for (EdgeId e : graph.out_edges(t)) plan.add_use(graph.edge(e).to, b);
  }
  plan.finalize(graph.num_tasks());
  return plan;
}

BufferPlan::Grouped BufferPlan::grouped(const Grouping& grouping) const {
  Grouped out;
  const std::size_t groups = grouping.names.size();
  std::vector<Bytes> size(groups, 0);
  std::vector<char> keep(groups, 0);
  out.group_of.resize(buffers_.size());
  out.offset_in_group.resize(buffers_.size());
  for (std::size_t b = 0; b < buffers_.size(); ++b) {
    const int g = grouping.group_of.at(b);
    if (g < 0 || static_cast<std::size_t>(g) >= groups) throw std::invalid_argument("bad buffer group");
    out.group_of[b] = g;
    out.offset_in_group[b] = size[static_cast<std::size_t>(g)];
    size[static_cast<std::size_t>(g)] += buffers_[b].bytes;
    keep[static_cast<std::size_t>(g)] |= buffers_[b].until_end ? 1 : 0;
  }
  for (std::size_t g = 0; g < groups; ++g) out.plan.add_buffer(grouping.names[g], size[g], keep[g] != 0);
  for (const auto& [t, b] : uses_) out.plan.add_use(t, out.group_of[static_cast<std::size_t>(b)]);
  out.plan.finalize(static_cast<TaskId>(off_.empty() ? 0 : off_.size() - 1));
  return out;
}

}  // namespace cnnsched
