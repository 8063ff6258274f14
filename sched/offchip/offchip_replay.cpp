#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/offchip/dma_timing.hpp>
#include <cnnsched/sched/offchip/offchip_replay.hpp>

namespace cnnsched {

namespace {
constexpr std::size_t kNoUse = std::numeric_limits<std::size_t>::max();
// Each use needs at most a reload and a spill; far more transfers mean no progress.
constexpr std::size_t kMaxTransfersPerUse = 8;
}  // namespace

OffchipReplay::OffchipReplay(const OffchipRequest& request, bool place)
    : req_(request), place_(place), alloc_(request.capacity), g_(*request.graph), bp_(*request.buffers) {
  n_ = g_.num_tasks();
  pes_ = g_.num_processors();
  channels_ = std::max(1, req_.platform->dma_channels);
  const Schedule& s = *req_.schedule;
  std::vector<std::size_t> commit(ix(n_), 0);
  for (std::size_t i = 0; i < s.order.size(); ++i) commit[ix(s.order[i])] = i;
  order_.resize(ix(n_));
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](TaskId a, TaskId b) {
    const Time sa = s.slots[ix(a)].start, sb = s.slots[ix(b)].start;
    return sa != sb ? sa < sb : commit[ix(a)] < commit[ix(b)];
  });
  pos_.resize(ix(n_));
  pe_queue_.resize(ix(pes_));
  for (std::size_t i = 0; i < order_.size(); ++i) {
    pos_[ix(order_[i])] = i;
    pe_queue_[ix(s.slots[ix(order_[i])].proc)].push_back(order_[i]);
  }
  pe_next_.assign(ix(pes_), 0);
  pe_busy_.assign(ix(pes_), 0);
  preds_left_.resize(ix(n_));
  for (TaskId t = 0; t < n_; ++t) preds_left_[ix(t)] = static_cast<int>(g_.in_edges(t).size());
  ready_at_.assign(ix(n_), 0);
  layer_left_.assign(ix(std::max(1, g_.num_layers())), 0);
  for (TaskId t = 0; t < n_; ++t)
    if (g_.layer(t) >= 0) ++layer_left_[ix(g_.layer(t))];
  channel_free_at_.assign(ix(channels_), 0);
  channel_busy_.assign(ix(channels_), 0);
  started_.assign(ix(n_), 0);
  compute_slots_.resize(ix(n_));
  index_uses();
  if (req_.in_order) index_planned_finishes();
}

void OffchipReplay::index_planned_finishes() {
  const Schedule& s = *req_.schedule;
  by_finish_.resize(ix(n_));
  std::iota(by_finish_.begin(), by_finish_.end(), 0);
  std::sort(by_finish_.begin(), by_finish_.end(),
            [&](TaskId a, TaskId b) { return s.slots[ix(a)].finish < s.slots[ix(b)].finish; });
  finished_before_.resize(ix(n_));
  for (TaskId t = 0; t < n_; ++t) {
    const auto it = std::upper_bound(by_finish_.begin(), by_finish_.end(), s.slots[ix(t)].start,
                                     [&](Time at, TaskId u) { return at < s.slots[ix(u)].finish; });
    finished_before_[ix(t)] = static_cast<std::size_t>(it - by_finish_.begin());
  }
  finished_.assign(ix(n_), 0);
}

void OffchipReplay::index_uses() {
  const BufferId nb = bp_.num_buffers();
  data_.resize(ix(nb));
  producer_.assign(ix(nb), -1);
  home_.assign(ix(nb), OffchipPlan::kNoHome);
  std::vector<std::size_t> count(ix(nb) + 1, 0);
  task_use_off_.assign(ix(n_) + 1, 0);
  for (TaskId t = 0; t < n_; ++t) {
    task_use_off_[ix(t) + 1] = task_use_off_[ix(t)] + bp_.buffers_of(t).size();
    for (BufferId b : bp_.buffers_of(t)) ++count[ix(b) + 1];
    const BufferId w = req_.work->write(t).buffer;
    if (w >= 0) producer_[ix(w)] = t;
  }
  residency_of_use_.assign(task_use_off_.back(), -1);
  use_off_.assign(ix(nb) + 1, 0);
  std::partial_sum(count.begin(), count.end(), use_off_.begin());
  uses_.resize(use_off_.back());
  std::vector<std::size_t> fill(use_off_.begin(), use_off_.end() - 1);
  for (TaskId t : order_)
    for (BufferId b : bp_.buffers_of(t)) uses_[fill[ix(b)]++] = t;
  for (BufferId b = 0; b < nb; ++b) {
    Data& d = data_[ix(b)];
    d.left = static_cast<int>(use_off_[ix(b) + 1] - use_off_[ix(b)]);
    // Without a producer the data comes from DRAM (zero bytes: nothing to load).
    d.where = producer_[ix(b)] < 0 && bytes(b) > 0 ? Where::kDram : Where::kUnborn;
  }
}

void OffchipReplay::check_single_tasks() const {
  Bytes largest = 0;
  TaskId worst = -1;
  for (TaskId t = 0; t < n_; ++t) {
    Bytes need = 0;
    for (BufferId b : bp_.buffers_of(t)) need += bytes(b);
    if (need > largest) largest = need, worst = t;
  }
  if (largest > req_.capacity) throw InfeasibleCapacity(g_.name(worst), largest, req_.capacity, largest);
}

OffchipPlan OffchipReplay::run() {
  check_single_tasks();
  Time now = 0;
  for (;;) {
    step(now);
    const bool stores_left = stores_head_ < stores_.size();
    if (compute_done_ == n_ && dma_running_ == 0 && !stores_left) break;
    // Placing, holes can also make data go and come back without end.
    const bool livelock = dma_.size() > kMaxTransfersPerUse * (uses_.size() + 1);
    if (place_ && events_.empty() && !livelock && !self_evict_) {
      self_evict_ = true;
      continue;  // the same instant again, heads may now evict their own inputs
    }
    const bool stuck = events_.empty() || livelock;
    if (stuck && place_) throw Fragmented{};
    if (stuck)
      throw std::logic_error("off-chip pass: no progress at " + std::to_string(now) + " ps (" +
                             std::to_string(compute_done_) + " of " + std::to_string(n_) + " tasks done)");
    now = events_.top().first;
  }
  return assemble();
}

// Everything that happens at `now`: completions first (frees before
// allocations), then starts until nothing more can start.
void OffchipReplay::step(Time now) {
  while (!events_.empty() && events_.top().first <= now) {
    const TaskId id = events_.top().second;
    events_.pop();
    self_evict_ = false;
    if (id >= 0) complete(id, now);
  }
  for (bool progress = true; progress;) {
    progress = issue_stores(now);
    progress = start_computes(now) || progress;
    progress = issue_loads(now) || progress;
  }
}

void OffchipReplay::complete(TaskId id, Time now) {
  if (id < n_) {
    complete_compute(id, now);
  } else {
    complete_transfer(id);
  }
}

void OffchipReplay::complete_compute(TaskId t, Time now) {
  const int p = compute_slots_[ix(t)].proc;
  pe_busy_[ix(p)] = 0;
  ++compute_done_;
  if (req_.in_order) {
    finished_[ix(t)] = 1;
    while (finished_prefix_ < by_finish_.size() && finished_[ix(by_finish_[finished_prefix_])])
      ++finished_prefix_;
  }
  if (g_.layer(t) >= 0 && --layer_left_[ix(g_.layer(t))] == 0)
    while (open_layer_ < static_cast<int>(layer_left_.size()) && layer_left_[ix(open_layer_)] == 0)
      ++open_layer_;
  for (EdgeId e : g_.out_edges(t)) {
    const Edge& edge = g_.edge(e);
    const TaskId s = edge.to;
    --preds_left_[ix(s)];
    const bool other_pe = req_.schedule->slots[ix(s)].proc != p;
    ready_at_[ix(s)] = std::max(ready_at_[ix(s)], now + (other_pe ? edge.comm_cost : 0));
    if (preds_left_[ix(s)] == 0 && ready_at_[ix(s)] > now) events_.push({ready_at_[ix(s)], -1});
  }
  for (BufferId b : bp_.buffers_of(t)) {
    Data& d = data_[ix(b)];
    --d.busy;
    --d.left;
    if (producer_[ix(b)] == t && bp_.buffer(b).until_end && bytes(b) > 0) {
      d.store_pending = true;
      stores_.push_back(b);
    }
    maybe_release(b);
  }
}

void OffchipReplay::complete_transfer(TaskId id) {
  const DmaTask& task = dma_[ix(id - n_)];
  const BufferId b = task.transfer.data;
  Data& d = data_[ix(b)];
  channel_busy_[ix(task.slot.proc - pes_)] = 0;
  --dma_running_;
  --d.busy;
  switch (task.transfer.kind) {
    case TransferKind::kLoad:
    case TransferKind::kReload:
      d.where = Where::kResident;
      resident_.push_back(b);
      break;
    case TransferKind::kSpill:
      spilling_ -= bytes(b);
      d.dirty = false;
      close_residency(b);
      d.where = Where::kDram;
      break;
    case TransferKind::kStore:
      d.dirty = false;
      d.store_pending = false;
      break;
    case TransferKind::kNone:
      break;
  }
  maybe_release(b);
}

void OffchipReplay::maybe_release(BufferId b) {
  Data& d = data_[ix(b)];
  if (d.where != Where::kResident || d.busy > 0 || d.left > 0 || d.store_pending) return;
  close_residency(b);
  d.where = Where::kDram;
}

void OffchipReplay::open_residency(BufferId b, TaskId first_user) {
  Data& d = data_[ix(b)];
  d.residency = static_cast<BufferId>(residencies_.size());
  residencies_.push_back({b, {first_user}});
  in_use_ += bytes(b);
  std::uint64_t address = 0;
  if (place_ && bytes(b) > 0) {
    // Data from DRAM (inputs, weights) from the top, tiles born here from the
    // bottom: cheap-to-drop clean data does not cut the tiles' holes.
    const auto at = producer_[ix(b)] < 0 ? alloc_.allocate_high(bytes(b)) : alloc_.allocate(bytes(b));
    if (!at) throw std::logic_error("off-chip pass: no hole for '" + bp_.buffer(b).name + "'");
    address = *at;
    placed_[address] = b;
  }
  residency_address_.push_back(address);
}

void OffchipReplay::close_residency(BufferId b) {
  Data& d = data_[ix(b)];
  const auto it = std::find(resident_.begin(), resident_.end(), b);
  if (it != resident_.end()) {
    *it = resident_.back();
    resident_.pop_back();
  }
  in_use_ -= bytes(b);
  if (place_ && bytes(b) > 0) {
    alloc_.release(residency_address_[ix(d.residency)]);
    placed_.erase(residency_address_[ix(d.residency)]);
  }
  d.residency = -1;
}

std::size_t OffchipReplay::next_use_pos(BufferId b) const {
  const Data& d = data_[ix(b)];
  const std::size_t end = use_off_[ix(b) + 1] - use_off_[ix(b)];
  while (d.next < end && started_[ix(uses_[use_off_[ix(b)] + d.next])]) ++d.next;
  return d.next < end ? pos_[ix(uses_[use_off_[ix(b)] + d.next])] : kNoUse;
}

}  // namespace cnnsched
