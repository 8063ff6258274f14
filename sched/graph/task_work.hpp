#pragma once
// What each task does to the scratchpad and how much it computes: the reads of
// its input regions and weights, the write of its output tile, its MACs. The
// cost model turns this into a time per PE; the SystemC PE performs exactly
// these transactions, so planned and simulated times agree.
#include <vector>

#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct Access {
  BufferId buffer = -1;  // -1: no access
  Bytes offset = 0;      // inside the buffer
  Bytes bytes = 0;
};

class TaskWork {
 public:
  // Tasks must be added in TaskId order.
  TaskId add_task(std::int64_t macs, const std::vector<Access>& reads, Access write);
  TaskId num_tasks() const { return static_cast<TaskId>(macs_.size()); }
  std::int64_t macs(TaskId t) const { return macs_[i(t)]; }
  IdRange<Access> reads(TaskId t) const {
    return {reads_.data() + off_[i(t)], reads_.data() + off_[i(t) + 1]};
  }
  const Access& write(TaskId t) const { return writes_[i(t)]; }
  Bytes bytes_read(TaskId t) const;

  // Time of task t on a PE: every read, then the compute, then the write, each
  // access one uncontended transaction (Platform::access_time).
  Time cost(TaskId t, const PeSpec& pe, const Platform& platform) const;

  // The same work addressed in grouped buffers (layer-by-layer baseline).
  TaskWork regrouped(const BufferPlan::Grouped& grouped) const;

 private:
  static std::size_t i(TaskId t) { return static_cast<std::size_t>(t); }
  std::vector<std::int64_t> macs_;
  std::vector<std::size_t> off_{0};
  std::vector<Access> reads_;
  std::vector<Access> writes_;
};

}  // namespace cnnsched
