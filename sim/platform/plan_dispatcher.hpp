#pragma once
// The scheduler module: executes a plan on the PEs (and the DMA channels),
// self-timed.
//
// Each processor runs its own tasks in plan order (planned start, ties by the position
// in Schedule::order). A task starts as soon as
//   (a) its PE finished the previous task,
//   (b) every predecessor completed (plus the edge's comm_cost when it ran on
//       another PE, as the planners count it),
//   (c) with a layer barrier (the baseline), every task of earlier layers completed,
//   (d) its buffers can be allocated in the scratchpad,
//   (e) with an off-chip plan (Plan::transfers), its planned start came: the
//       off-chip pass delays prefetches on purpose, so running them earlier
//       would take memory the plan gives to others.
// A transfer task runs as one descriptor on its DMA channel (processor
// num PEs + channel): DRAM home -> the residency's scratchpad buffer for loads
// and reloads, the other way for spills and stores.
// Memory follows the one model of sched/buffer_plan.hpp: a task's start
// allocates each of its buffers not yet allocated, its finish releases the
// buffers it was the last user of (until_end ones stay until the makespan).
// With a capacity bound, tasks allocate in plan order (planned start, then
// commit order) and only while the bytes in use stay within the bound.
// At one instant completions (frees) are processed before starts (allocations):
// the dispatcher first lets all activity at the current time settle.
// When nothing runs and nothing can start, the run stops with error() set
// instead of hanging.
//
// Standalone (the default) the run starts at t = 0 and a stall calls
// sc_stop(). With Plan::wait_for_start (SoC mode) the dispatcher idles until
// begin() hands it a schedule, runs it with times relative to that moment and
// notifies run_done() on completion or stall; it never stops the simulation,
// and the next begin() starts afresh.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <systemc>
#include <vector>

#include <cnnsched/hw/dma.hpp>
#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/offchip/transfer.hpp>
#include <cnnsched/sched/schedule.hpp>
#include <cnnsched/sim/platform/sim_records.hpp>

namespace cnnsched {

class PlanDispatcher : public sc_core::sc_module {
 public:
  // What to execute. The referenced objects must outlive the module.
  struct Plan {
    const TaskGraph* graph = nullptr;
    const BufferPlan* buffers = nullptr;
    const TaskWork* work = nullptr;
    const Schedule* schedule = nullptr;
    Bytes capacity = 0;           // bound on bytes in use, 0 = none
    bool layer_barrier = false;   // the layer-by-layer baseline's barrier
    bool wait_for_start = false;  // SoC mode: run only on begin(), never sc_stop()
    // An off-chip plan: per task its transfer (kNone for compute tasks), the
    // DRAM's global base; null for the on-chip model.
    const std::vector<Transfer>* transfers = nullptr;
    std::uint64_t dram_base = 0;
    // Planned scratchpad offsets per buffer (OffchipPlan::address); null or
    // empty: first fit. A planned range still in use (a run that drifted
    // from the plan) falls back to first fit.
    const std::vector<std::uint64_t>* addresses = nullptr;
  };
  struct WaitStats {
    std::uint64_t tasks = 0;  // tasks that waited for this reason
    Time time = 0;            // their summed waiting time
  };
  // Compactions: when nothing runs and a task waits only because free bytes are
  // scattered over holes, live buffers are moved together (a DMA that reads and
  // writes every moved byte through the scratchpad port).
  struct CompactionStats {
    std::uint64_t count = 0;
    Bytes bytes_moved = 0;
    Time time = 0;
  };

  SC_HAS_PROCESS(PlanDispatcher);
  // Throws std::invalid_argument when the plan does not fit the PEs (and the
  // DMA's channels: `dma` is required with Plan::transfers) or a task's
  // accesses fall outside its buffers.
  PlanDispatcher(sc_core::sc_module_name name, const Plan& plan, std::vector<Pe*> pes, Scratchpad& scratchpad,
                 std::uint64_t scratchpad_base, Dma* dma = nullptr);

  // Optional data hooks (functional mode), called with a plan buffer and its
  // global address: after the buffer is allocated (before any task uses it),
  // and before it is released. Unset in timing mode: nothing extra happens.
  std::function<void(BufferId, std::uint64_t address)> on_allocated;
  std::function<void(BufferId, std::uint64_t address)> before_release;
  // Optional: called in the dispatcher's thread when a run starts (before any
  // task) and when it completed (before the final releases).
  std::function<void()> before_run;
  std::function<void()> after_run;

  // SoC mode, while no run is in progress (else std::logic_error): copies
  // `schedule` (it replaces the plan's; graph, buffers, work and capacity stay)
  // and starts it one delta cycle later. False, with error() set and nothing
  // started, when the schedule does not fit the graph or the PEs.
  bool begin(const Schedule& schedule);
  // SoC mode: notified when a run begun by begin() finished or stalled.
  const sc_core::sc_event& run_done() const { return done_event_; }
  bool in_progress() const { return running_run_; }

  // Times below are relative to the run's start (t = 0 standalone).
  bool finished() const { return finished_; }
  const std::string& error() const { return error_; }         // why the run stopped early
  const std::vector<TaskRun>& runs() const { return runs_; }  // indexed by TaskId
  const std::vector<SimMemoryEvent>& memory_events() const { return events_; }
  Time makespan() const { return makespan_; }
  Bytes peak() const { return peak_; }
  const WaitStats& capacity_waits() const { return capacity_waits_; }
  const WaitStats& allocator_waits() const { return allocator_waits_; }
  const CompactionStats& compactions() const { return compactions_; }

 private:
  struct Completion {
    TaskId task;
    int pe;
    Time start;
    Time finish;
  };
  void check_plan(const Schedule& schedule) const;
  void load();
  void run();
  bool dispatch();  // one run; false when it stalled (error_ set)
  void release_all(Time now);
  void settle();
  void process_completions(Time now);
  void start_ready(Time now);
  bool conditions_met(TaskId t, Time now);
  bool allocate_for(TaskId t, Time now);
  void launch(TaskId t, Time now);
  void launch_transfer(TaskId t);
  std::optional<std::uint64_t> place(BufferId b);
  PeJob pe_job(TaskId t) const;
  StartLimit start_limit(TaskId t, Time now) const;
  int num_procs() const { return static_cast<int>(pes_.size()) + (dma_ ? dma_->num_channels() : 0); }
  void release(BufferId b, TaskId by, Time now);
  void block(TaskId t, StartLimit why, Time now);
  void finish_run(Time now);
  std::string describe_stall() const;
  // Packs the live buffers from address 0 when a waiting task could fit after
  // it; returns the time the move takes, or 0 when compaction cannot help.
  Time compact();
  void record_moves(const std::vector<std::pair<std::uint64_t, BufferId>>& live);
  int proc(TaskId t) const { return plan_.schedule->slots[static_cast<std::size_t>(t)].proc; }
  std::size_t ix(std::int64_t i) const { return static_cast<std::size_t>(i); }

  Plan plan_;
  std::vector<Pe*> pes_;
  Dma* dma_;
  Scratchpad& scratchpad_;
  std::uint64_t base_;
  Schedule loaded_;           // SoC mode: the schedule of the current run
  Time origin_ = 0;           // when the current run started
  bool running_run_ = false;  // SoC mode: begun, run_done() not yet notified
  sc_core::sc_event start_;
  sc_core::sc_event done_event_;
  sc_core::sc_event wake_;
  sc_core::sc_event_queue timed_wake_;  // data-ready times that lie in the future

  TaskId num_tasks_ = 0;
  std::vector<std::vector<TaskId>> pe_queue_;  // per PE, in plan order
  std::vector<std::size_t> pe_next_;
  std::vector<char> pe_busy_;
  std::vector<Time> pe_free_at_;
  std::vector<TaskId> gate_;  // all tasks in plan order (capacity-bound allocation order)
  std::size_t gate_pos_ = 0;
  std::vector<std::size_t> gate_rank_;  // position of each task in gate_
  std::vector<int> preds_left_;
  std::vector<Time> data_ready_at_;
  std::vector<char> wake_scheduled_;
  std::vector<int> layer_left_;
  std::vector<Time> layer_open_at_;
  int first_open_layer_ = 0;  // every layer below it has completed
  std::vector<int> users_left_;
  std::vector<char> allocated_;
  std::vector<std::uint64_t> local_address_;
  std::vector<Time> blocked_since_;
  std::vector<StartLimit> blocked_by_;

  std::vector<Completion> completions_;
  std::vector<TaskRun> runs_;
  std::vector<SimMemoryEvent> events_;
  int running_ = 0;
  TaskId done_ = 0;
  std::multiset<Time> timed_;  // future wake-up times not yet reached
  Bytes in_use_ = 0;
  Bytes peak_ = 0;
  Time makespan_ = 0;
  bool finished_ = false;
  std::string error_;
  WaitStats capacity_waits_;
  WaitStats allocator_waits_;
  CompactionStats compactions_;
};

}  // namespace cnnsched
