#include <cnnsched/sched/graph/task_work.hpp>

namespace cnnsched {

TaskId TaskWork::add_task(std::int64_t macs, const std::vector<Access>& reads, Access write) {
  macs_.push_back(macs);
  reads_.insert(reads_.end(), reads.begin(), reads.end());
  off_.push_back(reads_.size());
  writes_.push_back(write);
  return num_tasks() - 1;
}

Bytes TaskWork::bytes_read(TaskId t) const {
  Bytes sum = 0;
  for (const Access& a : reads(t)) sum += a.bytes;
  return sum;
}

Time TaskWork::cost(TaskId t, const PeSpec& pe, const Platform& platform) const {
  Time time = pe.compute_time(macs(t));
  for (const Access& a : reads(t)) time += platform.access_time(a.bytes);
  if (write(t).buffer >= 0) time += platform.access_time(write(t).bytes);
  return time;
}

TaskWork TaskWork::regrouped(const BufferPlan::Grouped& grouped) const {
  auto remap = [&](Access a) {
    if (a.buffer >= 0) {
      a.offset += grouped.offset_in_group[static_cast<std::size_t>(a.buffer)];
      a.buffer = grouped.group_of[static_cast<std::size_t>(a.buffer)];
    }
    return a;
  };
  TaskWork out;
  std::vector<Access> reads;
  for (TaskId t = 0; t < num_tasks(); ++t) {
    reads.clear();
    for (const Access& a : this->reads(t)) reads.push_back(remap(a));
    out.add_task(macs(t), reads, remap(write(t)));
  }
  return out;
}

}  // namespace cnnsched
