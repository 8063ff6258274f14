#pragma once
// A policy's plan made to run with off-chip DRAM and a scratchpad that never
// grows: the DMA tasks that load, store, spill and reload buffers, placed by
// an event-driven pass over the policy's schedule.
//
// The memory model stays the one of sched/memory/buffer_plan.hpp; off-chip
// data only adds tasks that use buffers:
//   - a buffer without a producer (network input tile, weight slice) lives in
//     DRAM and is *loaded* by a DMA task before its first user: it occupies
//     the scratchpad from the start of its load to the finish of its last
//     user there;
//   - a tile is born on chip (its producer's start); a network output is
//     *stored* to DRAM after its producer and leaves at the store's finish;
//   - when a task needs more bytes than are free, resident buffers that no
//     running task uses and whose next use comes latest in the policy's order
//     leave first: a clean one (its DRAM copy is valid) is dropped, a dirty
//     one is *spilled* (stored; it leaves at the spill's finish), and either
//     is *reloaded* before its next user.
// So every residency of a buffer is one plan buffer whose users are the task
// that fills it (load, reload or producer), the tasks that use it meanwhile
// and the task that empties it (spill or store), and the validator, the
// simulated scratchpad and the DRAM counters all follow the same rule.
//
// The pass keeps each task on the policy's PE and in the policy's order per
// PE (and the baseline's layer barrier), issues loads in the policy's order
// as soon as a DMA channel and memory allow (prefetching), and gives stores
// and spills a free channel first. Placing, tiles born on chip take the
// lowest hole and data loaded from DRAM the highest. In order (memheft's plan
// with off-chip residency, sched/offchip/residency_view.hpp) it also starts
// tasks in the plan's global order and after the tasks the plan had finished
// by then, evicts only for the next task, and while a task runs drops only
// clean data (it waits for the finish rather than spill). Compute tasks keep their ids; DMA tasks
// follow them, on processors num_pes .. num_pes + dma_channels - 1.
//
// Not yet wired in: plan_policy and the simulator still run the on-chip
// model; the dispatcher will have to start each task no earlier than planned
// (the pass delays prefetches on purpose) to reproduce these plans.
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/offchip/transfer.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

// Cost of a task on a processor that cannot run it (a compute task on a DMA
// channel, a transfer on a PE): no scheduler runs the off-chip graph again,
// the validator only reads the cost on the assigned processor.
inline constexpr Time kCannotRun = Time{1} << 60;

struct OffchipPlan {
  TaskGraph graph;     // PEs, then the DMA channels ("dma0", ...)
  BufferPlan buffers;  // one buffer per residency of a policy buffer
  TaskWork work;       // compute tasks addressed in `buffers`; DMA tasks access nothing here
  Schedule schedule;
  std::vector<Transfer> transfers;  // per task (kNone for compute tasks)
  std::vector<BufferId> data_of;    // per plan buffer: the policy buffer it holds
  std::vector<std::uint64_t> home;  // per policy buffer: its DRAM offset (kNoHome when never off chip)
  // Per plan buffer: its offset in the scratchpad (first fit as the pass ran,
  // so the simulator places it there and runs as planned); empty when the
  // pass had to plan by bytes only (fragmentation), the simulator then
  // allocates first fit itself.
  std::vector<std::uint64_t> address;
  Bytes dram_bytes_used = 0;  // the homes' extent
  int num_pes = 0;
  static constexpr std::uint64_t kNoHome = ~std::uint64_t{0};
};

struct OffchipRequest {
  const TaskGraph* graph = nullptr;  // compute tasks on the PEs
  const BufferPlan* buffers = nullptr;
  const TaskWork* work = nullptr;
  const Schedule* schedule = nullptr;  // the policy's plan: PE and order of every task
  const Platform* platform = nullptr;  // has_dram; its DMA channels and timings
  Bytes capacity = 0;                  // bytes the scratchpad may hold (> 0)
  bool layer_barrier = false;          // the baseline's barrier after every layer
  // Compute tasks start in the policy's order (a task never starts before an
  // earlier one): memheft's plan with off-chip residency holds its live tiles
  // only as long as starts follow its order.
  bool in_order = false;
};

// Throws InfeasibleCapacity when one task alone needs more than the capacity
// (naming it; the smallest capacity is the largest single task's bytes), and
// InputError(platform, "dram.bytes") when the homes do not fit the DRAM.
OffchipPlan plan_offchip(const OffchipRequest& request);

}  // namespace cnnsched
