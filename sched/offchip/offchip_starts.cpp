// The start decisions of the off-chip pass: compute tasks, loads, stores and
// the evictions that make room for them.
#include <algorithm>
#include <limits>
#include <optional>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/offchip/dma_timing.hpp>
#include <cnnsched/sched/offchip/offchip_replay.hpp>

namespace cnnsched {

namespace {
constexpr std::size_t kNoNextUse = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kLookahead =
    64;  // compute tasks ahead of the first unstarted one whose loads may start
}  // namespace

bool OffchipReplay::ready(TaskId t, Time now) const {
  const int layer = g_.layer(t);
  const bool barrier_open = !req_.layer_barrier || layer < 0 || layer <= open_layer_;
  return preds_left_[ix(t)] == 0 && ready_at_[ix(t)] <= now && barrier_open;
}

bool OffchipReplay::inputs_resident(TaskId t) const {
  for (BufferId b : bp_.buffers_of(t)) {
    const Where w = data_[ix(b)].where;
    if (w != Where::kResident && w != Where::kUnborn) return false;
  }
  return true;
}

bool OffchipReplay::placeable(TaskId t) {
  if (!place_) return true;
  std::vector<std::uint64_t> trial;
  bool ok = true;
  for (BufferId b : bp_.buffers_of(t)) {
    if (data_[ix(b)].where != Where::kUnborn || bytes(b) == 0) continue;
    const auto at = alloc_.allocate(bytes(b));
    if (!at) {
      ok = false;
      break;
    }
    trial.push_back(*at);
  }
  for (std::uint64_t a : trial) alloc_.release(a);
  return ok;
}

Bytes OffchipReplay::unborn_bytes(TaskId t) const {
  Bytes need = 0;
  for (BufferId b : bp_.buffers_of(t))
    if (data_[ix(b)].where == Where::kUnborn) need += bytes(b);
  return need;
}

bool OffchipReplay::start_computes(Time now) {
  std::vector<TaskId> heads;
  for (int p = 0; p < pes_; ++p) {
    const auto& q = pe_queue_[ix(p)];
    if (pe_busy_[ix(p)] || pe_next_[ix(p)] >= q.size()) continue;
    const TaskId t = q[pe_next_[ix(p)]];
    if (ready(t, now) && inputs_resident(t)) heads.push_back(t);
  }
  std::sort(heads.begin(), heads.end(), [&](TaskId a, TaskId b) { return pos_[ix(a)] < pos_[ix(b)]; });
  reserved_ = 0;
  reserved_pos_ = std::numeric_limits<std::size_t>::max();
  bool started = false;
  for (TaskId t : heads) {
    if (req_.in_order && (pos_[ix(t)] != head_ || finished_prefix_ < finished_before_[ix(t)])) break;
    if (!inputs_resident(t)) continue;  // an earlier head's make_room evicted one of its inputs
    const Bytes need = unborn_bytes(t);
    Bytes free = req_.capacity - in_use_ - reserved_;
    bool fits = need <= free && placeable(t);
    if (!fits && reserved_ == 0) {  // too few bytes, or enough but no hole
      free += need > free ? make_room(need - free, pos_[ix(t)], now) : make_hole(need, pos_[ix(t)], now);
      fits = need <= free && placeable(t) && inputs_resident(t);  // self-evicting may take its inputs
    }
    if (fits) {
      start_compute(t, now);
      started = true;
    } else if (reserved_ == 0) {
      reserved_ = need;  // later tasks must leave these bytes for it
      reserved_pos_ = pos_[ix(t)];
    }
  }
  return started;
}

void OffchipReplay::start_compute(TaskId t, Time now) {
  const Slot& planned = req_.schedule->slots[ix(t)];
  const Time finish = now + g_.cost(t, planned.proc);
  compute_slots_[ix(t)] = {planned.proc, now, finish};
  std::size_t u = task_use_off_[ix(t)];
  for (BufferId b : bp_.buffers_of(t)) {
    Data& d = data_[ix(b)];
    if (d.where == Where::kUnborn) {
      open_residency(b, t);
      d.where = Where::kResident;
      d.dirty = bp_.buffer(b).bytes > 0;
      resident_.push_back(b);
    } else {
      residencies_[ix(d.residency)].users.push_back(t);
    }
    residency_of_use_[u++] = d.residency;
    ++d.busy;
  }
  pe_busy_[ix(planned.proc)] = 1;
  ++pe_next_[ix(planned.proc)];
  started_[ix(t)] = 1;
  ++computes_started_;
  start_order_.push_back(t);
  while (head_ < order_.size() && started_[ix(order_[head_])]) ++head_;
  events_.push({finish, t});
}

// Loads in the policy's order while channels and memory allow; a task at the
// head of its PE may evict for its own inputs.
bool OffchipReplay::issue_loads(Time now) {
  bool issued = false;
  std::size_t seen = 0;
  for (std::size_t i = head_; i < order_.size() && seen < kLookahead; ++i) {
    const TaskId t = order_[i];
    if (started_[ix(t)]) continue;
    // Placing, a prefetch behind a task that waits for a hole would fill the
    // holes it waits for, and its evictions would drop the prefetch again.
    if (place_ && reserved_ > 0 && i > reserved_pos_) break;
    ++seen;
    const int p = req_.schedule->slots[ix(t)].proc;
    // In order, only the next task to start may evict: one further on would
    // push out tiles that tasks before it still need.
    const bool at_head = req_.in_order ? i == head_ : pe_queue_[ix(p)][pe_next_[ix(p)]] == t;
    for (BufferId b : bp_.buffers_of(t)) {
      if (data_[ix(b)].where != Where::kDram) continue;
      if (free_channel(now) < 0) return issued;
      const Bytes keep = i > reserved_pos_ ? reserved_ : 0;
      Bytes free = req_.capacity - in_use_ - keep;
      const auto fits = [&] { return bytes(b) <= free && hole_for(bytes(b)); };
      if (!fits() && at_head)
        free += bytes(b) > free ? make_room(bytes(b) - free, i, now) : make_hole(bytes(b), i, now);
      if (!fits()) return issued;  // memory is tight: keep the order
      const int channel = free_channel(now);
      if (channel < 0) return issued;
      const bool back = data_[ix(b)].fills > 0 || producer_[ix(b)] >= 0;  // dropped or spilled before
      issue(back ? TransferKind::kReload : TransferKind::kLoad, b, channel, now);
      issued = true;
    }
  }
  return issued;
}

bool OffchipReplay::issue_stores(Time now) {
  bool issued = false;
  while (stores_head_ < stores_.size()) {
    const int c = free_channel(now);
    if (c < 0) break;
    issue(TransferKind::kStore, stores_[stores_head_++], c, now);
    issued = true;
  }
  return issued;
}

// Frees bytes for a task at order position `limit_pos`: resident data no
// running task uses and whose next use comes after it, latest next use
// first; clean data is dropped now, dirty data spilled (freed at the spill's
// finish). In order, while a task runs, dirty data stays (see
// must_wait_rather_than_spill). Returns the bytes free now.
Bytes OffchipReplay::make_room(Bytes shortfall, std::size_t limit_pos, Time now) {
  std::vector<std::pair<std::size_t, BufferId>> candidates;
  for (BufferId b : resident_)
    if (evictable(b, limit_pos)) candidates.push_back({next_use_pos(b), b});
  std::sort(candidates.begin(), candidates.end(), std::greater<>());
  const bool keep_dirty = must_wait_rather_than_spill();
  Bytes freed = 0;
  for (const auto& [next, b] : candidates) {
    if (freed + spilling_ >= shortfall) break;
    if (keep_dirty && data_[ix(b)].dirty) continue;
    freed += evict(b, now);
  }
  return freed;
}

// In order, a plan that fits its capacity gets the room its tasks need from
// the finishes of the running ones: spill only when nothing runs.
bool OffchipReplay::must_wait_rather_than_spill() const {
  return req_.in_order && static_cast<std::size_t>(compute_done_) < computes_started_;
}

bool OffchipReplay::evictable(BufferId b, std::size_t limit_pos) const {
  const Data& d = data_[ix(b)];
  return d.where == Where::kResident && d.busy == 0 && !d.store_pending && next_use_pos(b) > limit_pos;
}

Bytes OffchipReplay::evict(BufferId b, Time now) {
  Data& d = data_[ix(b)];
  if (!d.dirty) {
    const Bytes n = bytes(b);
    close_residency(b);
    d.where = Where::kDram;
    return n;
  }
  const int c = free_channel(now);
  if (c >= 0) issue(TransferKind::kSpill, b, c, now);
  return 0;
}

Bytes OffchipReplay::make_hole(Bytes n, std::size_t limit_pos, Time now) {
  const auto size = static_cast<std::uint64_t>(n);
  const auto end = static_cast<std::uint64_t>(req_.capacity);
  std::vector<std::uint64_t> starts{0};
  for (const auto& [address, b] : placed_) starts.push_back(address + static_cast<std::uint64_t>(bytes(b)));
  // The cheapest window: fewest bytes moved (a spill costs a store and a
  // reload). In order, while a task runs, only windows of clean data, the
  // one used again latest (see must_wait_rather_than_spill).
  const bool keep_dirty = must_wait_rather_than_spill();
  std::optional<std::pair<Bytes, Bytes>> best_cost;
  std::vector<BufferId> best;
  for (std::uint64_t s : starts) {
    if (s + size > end) continue;
    std::vector<BufferId> victims;
    Bytes moved = 0;
    std::size_t soonest = kNoNextUse;
    bool ok = true;
    auto it = placed_.lower_bound(s);
    if (it != placed_.begin()) {
      auto prev = std::prev(it);
      if (prev->first + static_cast<std::uint64_t>(bytes(prev->second)) > s) it = prev;
    }
    for (; ok && it != placed_.end() && it->first < s + size; ++it) {
      const BufferId b = it->second;
      if (data_[ix(b)].where == Where::kSpilling) continue;  // leaves by itself
      // Self-evicting, the head's own inputs (next use at limit_pos) may go too.
      ok = evictable(b, self_evict_ && limit_pos > 0 ? limit_pos - 1 : limit_pos) &&
           !(keep_dirty && data_[ix(b)].dirty);
      victims.push_back(b);
      moved += data_[ix(b)].dirty ? 2 * bytes(b) : bytes(b);
      soonest = std::min(soonest, next_use_pos(b));
    }
    const std::pair<Bytes, Bytes> cost =
        keep_dirty ? std::pair<Bytes, Bytes>{-static_cast<Bytes>(std::min(soonest, order_.size())), moved}
                   : std::pair<Bytes, Bytes>{moved, 0};
    if (ok && (!best_cost || cost < *best_cost)) best_cost = cost, best = std::move(victims);
  }
  Bytes freed = 0;
  for (BufferId b : best) freed += evict(b, now);
  return freed;
}

int OffchipReplay::free_channel(Time now) const {
  for (int c = 0; c < channels_; ++c)
    if (!channel_busy_[ix(c)] && channel_free_at_[ix(c)] <= now) return c;
  return -1;
}

std::uint64_t OffchipReplay::home_of(BufferId b) {
  std::uint64_t& h = home_[ix(b)];
  if (h != OffchipPlan::kNoHome) return h;
  const DramSpec& dram = req_.platform->dram;
  const auto align =
      static_cast<std::uint64_t>(std::max(dram.interleave_bytes, req_.platform->max_burst_bytes));
  h = (home_end_ + align - 1) / align * align;
  home_end_ = h + static_cast<std::uint64_t>(bytes(b));
  if (home_end_ > static_cast<std::uint64_t>(dram.bytes))
    throw InputError(req_.platform->name, "dram.bytes",
                     "the plan's DRAM homes need more than " + std::to_string(dram.bytes) + " bytes");
  return h;
}

TaskId OffchipReplay::issue(TransferKind kind, BufferId b, int channel, Time now) {
  Data& d = data_[ix(b)];
  const TaskId id = n_ + static_cast<TaskId>(dma_.size());
  const std::uint64_t home = home_of(b);
  const Time finish = now + dma_transfer_time(*req_.platform, home, bytes(b));
  DmaTask task;
  task.slot = {pes_ + channel, now, finish};
  if (kind == TransferKind::kLoad || kind == TransferKind::kReload) {
    open_residency(b, id);
    d.where = Where::kLoading;
    ++d.fills;
    task.after = d.last_write;
  } else {
    residencies_[ix(d.residency)].users.push_back(id);
    task.after = producer_[ix(b)];
    if (kind == TransferKind::kSpill) {
      const auto it = std::find(resident_.begin(), resident_.end(), b);
      *it = resident_.back();
      resident_.pop_back();
      d.where = Where::kSpilling;
      spilling_ += bytes(b);
    }
    d.last_write = id;
  }
  task.transfer = {kind, b, d.residency, bytes(b), home};
  dma_.push_back(task);
  ++d.busy;
  ++dma_running_;
  channel_busy_[ix(channel)] = 1;
  channel_free_at_[ix(channel)] = finish;
  start_order_.push_back(id);
  events_.push({finish, id});
  return id;
}

}  // namespace cnnsched
