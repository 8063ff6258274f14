#pragma once
// The event-driven pass behind plan_offchip (sched/offchip/offchip_plan.hpp):
// replays a policy's schedule in time with DMA channels, a bounded scratchpad
// and DRAM homes. Internal to sched/offchip.
#include <cstdint>
#include <map>
#include <queue>
#include <utility>
#include <vector>

#include <cnnsched/sched/memory/address_allocator.hpp>
#include <cnnsched/sched/offchip/offchip_plan.hpp>

namespace cnnsched {

class OffchipReplay {
 public:
  // With `place`, every residency also gets a first-fit address in the
  // scratchpad, and a task starts only when its new buffers find holes.
  OffchipReplay(const OffchipRequest& request, bool place);
  // Thrown by run() when, placing, nothing could start any more because the
  // free bytes lay in holes too small (plan_offchip then plans by bytes only).
  struct Fragmented {};
  OffchipPlan run();

 private:
  enum class Where : std::uint8_t { kUnborn, kDram, kLoading, kResident, kSpilling };
  struct Data {
    Where where = Where::kUnborn;
    BufferId residency = -1;  // the open residency, -1 when none
    bool dirty = false;       // on chip without a valid DRAM copy
    bool store_pending = false;
    int busy = 0;  // running tasks (compute or DMA) that use it
    // Index in uses_ of its first unstarted compute user (advanced lazily:
    // users start out of the policy's order across PEs, so not one by one).
    mutable std::size_t next = 0;
    int left = 0;            // compute users not yet finished
    TaskId last_write = -1;  // the spill or store that wrote its DRAM copy
    int fills = 0;           // loads and reloads so far
    std::size_t resident_slot = 0;
  };
  struct Residency {
    BufferId data = -1;
    std::vector<TaskId> users;  // in start order; the first fills it
  };
  struct DmaTask {
    Transfer transfer;
    Slot slot;
    TaskId after = -1;  // a predecessor (producer, or the spill a reload reads back)
  };

  void index_uses();
  void check_single_tasks() const;
  void step(Time now);
  void complete(TaskId id, Time now);
  void complete_compute(TaskId t, Time now);
  void complete_transfer(TaskId id);
  bool start_computes(Time now);
  bool issue_loads(Time now);
  bool issue_stores(Time now);
  Bytes unborn_bytes(TaskId t) const;
  bool inputs_resident(TaskId t) const;
  bool placeable(TaskId t);  // t's unborn buffers find holes (always, without placing)
  bool hole_for(Bytes n) const { return !place_ || n == 0 || alloc_.largest_free() >= n; }
  bool ready(TaskId t, Time now) const;
  void start_compute(TaskId t, Time now);
  Bytes make_room(Bytes shortfall, std::size_t limit_pos, Time now);
  // Placing: frees one window of n contiguous bytes, evicting the blocks in it
  // (all evictable, fewest bytes moved; in order while a task runs, clean data
  // only, used again latest); returns the bytes dropped at once.
  Bytes make_hole(Bytes n, std::size_t limit_pos, Time now);
  bool evictable(BufferId b, std::size_t limit_pos) const;
  bool must_wait_rather_than_spill() const;
  Bytes evict(BufferId b, Time now);  // drops clean data (its bytes), spills dirty data (0)
  int free_channel(Time now) const;
  TaskId issue(TransferKind kind, BufferId b, int channel, Time now);
  void open_residency(BufferId b, TaskId first_user);
  void close_residency(BufferId b);
  void maybe_release(BufferId b);
  std::size_t next_use_pos(BufferId b) const;
  std::uint64_t home_of(BufferId b);
  OffchipPlan assemble();
  void assemble_graph(OffchipPlan& out) const;
  void assemble_buffers(OffchipPlan& out) const;
  void assemble_work(OffchipPlan& out) const;
  std::string transfer_name(const DmaTask& d) const;
  Bytes bytes(BufferId b) const { return req_.buffers->buffer(b).bytes; }
  static std::size_t ix(std::int64_t i) { return static_cast<std::size_t>(i); }

  OffchipRequest req_;
  bool place_;
  // Placing, nothing in flight and no task able to start: a head's own
  // scattered inputs can cut every hole its next buffer needs. Then (once,
  // until something completes) make_hole may evict the head's own idle
  // inputs too; they come back after the large buffer found its place.
  bool self_evict_ = false;
  AddressAllocator alloc_;
  std::vector<std::uint64_t> residency_address_;
  std::map<std::uint64_t, BufferId> placed_;  // placing: block address -> the data it holds
  const TaskGraph& g_;
  const BufferPlan& bp_;
  TaskId n_ = 0;
  int pes_ = 0;
  int channels_ = 0;
  std::vector<TaskId> order_;     // compute tasks in the policy's order
  std::vector<std::size_t> pos_;  // position of each compute task in order_
  std::vector<std::size_t> use_off_;
  std::vector<TaskId> uses_;      // per buffer, its compute users in order
  std::vector<TaskId> producer_;  // per buffer, -1 when it comes from DRAM
  std::vector<std::size_t> task_use_off_;
  std::vector<BufferId> residency_of_use_;  // per (task, buffer) use, in buffers_of order
  std::vector<std::vector<TaskId>> pe_queue_;
  std::vector<std::size_t> pe_next_;
  std::vector<char> pe_busy_;
  std::vector<int> preds_left_;
  std::vector<Time> ready_at_;
  std::vector<int> layer_left_;
  int open_layer_ = 0;
  std::vector<Data> data_;
  std::vector<BufferId> resident_;  // residencies that may be evicted (Where::kResident)
  std::vector<Residency> residencies_;
  std::vector<DmaTask> dma_;
  std::vector<Time> channel_free_at_;
  std::vector<char> channel_busy_;
  std::vector<BufferId> stores_;  // outputs waiting for a channel, FIFO
  std::size_t stores_head_ = 0;
  std::vector<std::uint64_t> home_;
  std::uint64_t home_end_ = 0;
  std::vector<Slot> compute_slots_;
  std::vector<TaskId> start_order_;
  std::size_t head_ = 0;  // first unstarted position in order_
  std::vector<char> started_;
  // In order (OffchipRequest::in_order): the compute tasks by planned finish,
  // per task how many of them finished by its planned start (it waits for
  // those), and how many of that order have finished here (a prefix).
  std::vector<TaskId> by_finish_;
  std::vector<std::size_t> finished_before_;
  std::vector<char> finished_;
  std::size_t finished_prefix_ = 0;
  std::size_t computes_started_ = 0;  // compute tasks started
  void index_planned_finishes();
  Bytes in_use_ = 0;
  Bytes spilling_ = 0;  // bytes whose spill is in flight
  Bytes reserved_ = 0;  // bytes a memory-blocked task waits for (this instant)
  std::size_t reserved_pos_ = 0;
  TaskId compute_done_ = 0;
  int dma_running_ = 0;
  using Event = std::pair<Time, TaskId>;  // id -1: a timer
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
};

}  // namespace cnnsched
