#include <algorithm>

#include <cnnsched/sched/policies/memheft_context.hpp>
#include <cnnsched/sched/policies/upward_rank.hpp>

namespace cnnsched {

MemheftContext::MemheftContext(const TaskGraph& graph, const BufferPlan& buffers)
    : g(graph), plan(buffers), order(rank_order(graph)) {
  const auto n = static_cast<std::size_t>(g.num_tasks());
  pos.resize(n);
  for (std::size_t i = 0; i < n; ++i) pos[static_cast<std::size_t>(order[i])] = i;
  index_users();
  // The reference is the serial traversal with the lower peak of two classic
  // memory-frugal rules; depth-first wins on wide layers with shared weights,
  // where the least-memory rule sweeps layer by layer.
  SerialOrder net = memheft_serial_order(*this, false);
  SerialOrder dfs = memheft_serial_order(*this, true);
  const auto peak = [](const std::vector<Bytes>& v) {
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
  };
  const bool use_dfs = peak(dfs.need) < peak(net.need);
  ref = std::move(use_dfs ? dfs.order : net.order);
  ref_need = std::move(use_dfs ? dfs.need : net.need);
  downsets = MemheftDownsets::build(g, plan);
  if (downsets) {
    SerialOrder best;
    downsets->best_order(best.order, best.need);
    if (peak(best.need) < peak(ref_need)) {  // else the heuristic order, as peaks tie
      ref = std::move(best.order);
      ref_need = std::move(best.need);
    }
  }
  index_reference();
}

// The users of every buffer in one array, by buffer (CSR).
void MemheftContext::index_users() {
  const auto nb = static_cast<std::size_t>(plan.num_buffers());
  user_off.assign(nb + 1, 0);
  for (TaskId t = 0; t < g.num_tasks(); ++t)
    for (BufferId b : plan.buffers_of(t)) ++user_off[static_cast<std::size_t>(b) + 1];
  for (std::size_t b = 0; b < nb; ++b) user_off[b + 1] += user_off[b];
  users.resize(user_off[nb]);
  std::vector<std::size_t> fill(user_off.begin(), user_off.end() - 1);
  for (TaskId t = 0; t < g.num_tasks(); ++t)
    for (BufferId b : plan.buffers_of(t)) users[fill[static_cast<std::size_t>(b)]++] = t;
}

void MemheftContext::index_reference() {
  const auto n = static_cast<std::size_t>(g.num_tasks());
  const auto nb = static_cast<std::size_t>(plan.num_buffers());
  ref_pos.resize(n);
  for (std::size_t i = 0; i < n; ++i) ref_pos[std::size_t(ref[i])] = i;
  first_ref_use.assign(nb, kMemheftNone);
  last_ref_use.assign(nb, 0);
  for (std::size_t b = 0; b < nb; ++b)
    for (std::size_t i = user_off[b]; i < user_off[b + 1]; ++i) {
      first_ref_use[b] = std::min(first_ref_use[b], ref_pos[std::size_t(users[i])]);
      last_ref_use[b] = std::max(last_ref_use[b], ref_pos[std::size_t(users[i])]);
    }
  for (Bytes need : ref_need) ref_peak = std::max(ref_peak, need);
}

}  // namespace cnnsched
