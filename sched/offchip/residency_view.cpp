#include <vector>

#include <cnnsched/sched/offchip/residency_view.hpp>

namespace cnnsched {

BufferPlan offchip_residency_view(const BufferPlan& buffers, const TaskWork& work) {
  const TaskId n = work.num_tasks();
  std::vector<char> produced(static_cast<std::size_t>(buffers.num_buffers()), 0);
  for (TaskId t = 0; t < n; ++t)
    if (work.write(t).buffer >= 0) produced[static_cast<std::size_t>(work.write(t).buffer)] = 1;
  BufferPlan view;
  std::vector<BufferId> same(produced.size(), -1);  // produced buffers keep one view buffer
  for (BufferId b = 0; b < buffers.num_buffers(); ++b)
    if (produced[static_cast<std::size_t>(b)])
      same[static_cast<std::size_t>(b)] = view.add_buffer(buffers.buffer(b).name, buffers.buffer(b).bytes);
  for (TaskId t = 0; t < n; ++t)
    for (BufferId b : buffers.buffers_of(t)) {
      const BufferId v = same[static_cast<std::size_t>(b)];
      view.add_use(t, v >= 0 ? v : view.add_buffer(buffers.buffer(b).name, buffers.buffer(b).bytes));
    }
  view.finalize(n);
  return view;
}

}  // namespace cnnsched
