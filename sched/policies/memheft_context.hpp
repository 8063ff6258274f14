#pragma once
// What every memory-aware HEFT run shares (sched/policies/memheft.hpp): the
// priority order, the users of each buffer, and the reference serial order with
// its memory profile, which the safety rule falls back on.
#include <cstddef>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/policies/memheft_downsets.hpp>

namespace cnnsched {

constexpr std::size_t kMemheftNone = std::numeric_limits<std::size_t>::max();

// A serial order and the occupancy while each of its tasks runs alone.
struct SerialOrder {
  std::vector<TaskId> order;
  std::vector<Bytes> need;
};

struct MemheftContext {
  const TaskGraph& g;
  const BufferPlan& plan;
  std::vector<TaskId> order;  // decreasing rank_u
  std::vector<std::size_t> pos;
  std::vector<std::size_t> user_off;  // users of buffer b: users[user_off[b] .. user_off[b + 1])
  std::vector<TaskId> users;
  std::vector<TaskId> ref;                 // the reference serial order
  std::vector<std::size_t> ref_pos;        // per task
  std::vector<Bytes> ref_need;             // per reference step: occupancy while that task runs alone
  std::vector<std::size_t> first_ref_use;  // per buffer: the earliest reference step using it
  std::vector<std::size_t> last_ref_use;   // per buffer: the latest reference step using it
  Bytes ref_peak = 0;
  // Small graphs: the exact safety test, and the reference is a minimum-peak
  // serial order (ref_peak the smallest capacity any serial order meets).
  std::optional<MemheftDownsets> downsets;

  MemheftContext(const TaskGraph& graph, const BufferPlan& buffers);

  int user_count(std::size_t b) const { return static_cast<int>(user_off[b + 1] - user_off[b]); }

 private:
  void index_users();
  void index_reference();
};

// The serial list schedule of one memory-frugal rule (sched/policies/memheft_reference.cpp).
SerialOrder memheft_serial_order(const MemheftContext& c, bool depth_first);

}  // namespace cnnsched
