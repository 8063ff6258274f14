#pragma once
// What one simulation of a plan measured, next to what the plan predicted.
#include <cstdint>
#include <string>
#include <vector>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/offchip/transfer.hpp>
#include <cnnsched/sched/types.hpp>
#include <cnnsched/sim/platform/sim_records.hpp>

namespace cnnsched {

struct SimTaskTime {
  TaskId task = -1;
  int pe = -1;
  Time planned_start = 0;
  Time planned_finish = 0;
  Time start = 0;
  Time finish = 0;
  StartLimit limit = StartLimit::kNone;  // the condition the task waited for last
};

// Traffic through one router port.
struct PortContention {
  std::string port;  // "pe0" (initiator side) or "scratchpad" (target side)
  std::uint64_t transactions = 0;
  std::uint64_t bytes = 0;
  Time busy = 0;  // time the port was occupied by transfers
  Time wait = 0;  // time transfers waited for the busy target port
};

// The files a run wrote; empty when not written.
struct SimFiles {
  std::string vcd;
  std::string gtkw;
  std::string memory_csv;
  std::string timeline_csv;
  std::string perfetto;
  std::string dram_csv;
  std::string report;
};

// Off-chip memory in a run of an off-chip plan (SimResult::dram).
struct SimDram {
  bool present = false;
  DramTraffic traffic;           // bytes of the transfer tasks that ran, by kind
  std::uint64_t bytes_read = 0;  // as the simulated DRAM counted them
  std::uint64_t bytes_written = 0;
  std::uint64_t row_hits = 0;       // interleave chunks that found their row open
  std::uint64_t row_misses = 0;     // ... the bank precharged
  std::uint64_t row_conflicts = 0;  // ... another row open
  Time data_bus_busy = 0;           // summed over the DRAM's channels
  std::vector<Time> dma_busy;       // per DMA channel: summed transfer durations
  Bytes bytes_used = 0;             // the plan's DRAM homes
  // (bytes read + written) / (peak bandwidth * makespan)
  double bandwidth_utilisation = 0;
};

struct SimResult {
  std::string policy;
  std::string platform;
  bool contention = false;
  int num_pes = 0;
  // Temporal decoupling: the global quantum, and the bound on how far one burst's
  // start may differ from lock-step (0 when exact: quantum 0 or contention off).
  Time quantum_ps = 0;
  Time burst_error_bound_ps = 0;

  Time makespan = 0;
  Bytes peak = 0;
  double mean_bytes = 0;  // time-weighted over [0, makespan]
  Time planned_makespan = 0;
  Bytes planned_peak = 0;
  double planned_mean_bytes = 0;
  Bytes capacity = 0;  // the plan's bound, 0 = none
  Bytes dispatch_capacity =
      0;  // the tighter bound the dispatcher enforced (Schedule::dispatch_capacity), 0 = none
  Bytes scratchpad_bytes = 0;  // the simulated scratchpad's size
  Bytes platform_scratchpad_bytes = 0;

  std::vector<SimTaskTime> tasks;             // indexed by TaskId
  std::vector<SimMemoryEvent> memory_events;  // in simulation order
  std::uint64_t allocations = 0;
  std::uint64_t releases = 0;
  std::uint64_t capacity_wait_tasks = 0;  // tasks that waited for frees to stay within the bound
  Time capacity_wait_time = 0;
  std::uint64_t allocator_wait_tasks = 0;  // tasks that waited because no hole was large enough
  Time allocator_wait_time = 0;
  std::uint64_t tlm_transactions_checked = 0;  // by the TLM checkers (SimOptions::check_tlm), 0 when off
  std::uint64_t compactions = 0;  // live buffers moved together when fragmentation stalled the run
  Bytes compaction_bytes = 0;
  Time compaction_time = 0;

  std::vector<PortContention> initiator_ports;  // one per PE
  std::vector<PortContention> target_ports;     // the scratchpad
  Time contention_wait = 0;                     // summed over target ports

  std::uint64_t tasks_started_late = 0;  // actual start > planned start
  Time max_start_delay = 0;
  std::uint64_t tasks_stretched = 0;  // ran longer than planned
  Time stretch_total = 0;
  std::uint64_t tasks_mismatched = 0;  // start or finish differs from the plan

  // Functional mode (SimOptions::functional): the model's tiles against the untiled reference.
  bool functional_checked = false;
  bool functional_ok = false;
  std::uint64_t functional_tiles = 0;     // tiles compared
  std::uint64_t functional_elements = 0;  // elements compared
  std::uint64_t functional_mismatch_tiles = 0;
  std::string functional_mismatches;  // one line per differing tile (layer, task, first element), "" when ok

  SimDram dram;

  // Energy (sim/platform/sim_energy.hpp): the actions the modules counted and
  // their energy over the simulated makespan; the plan's estimate of the same
  // counts (estimate_actions) and its energy over the planned makespan.
  ActionCounts actions;
  EnergyBreakdown energy;
  ActionCounts planned_actions;
  EnergyBreakdown planned_energy;

  std::string report_text;
  SimFiles files;
};

// Busy time of the PEs over (PEs x makespan); DMA channels, which run the
// transfer tasks, do not count.
double pe_utilisation(const SimResult& r);

}  // namespace cnnsched
