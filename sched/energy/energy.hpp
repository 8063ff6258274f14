#pragma once
// Action counts of a run and the energy they cost (sched/energy/energy_table.hpp).
//
// The counts, as the SystemC modules count them (hw/pe, hw/scratchpad,
// hw/router, hw/dram) and as a plan predicts them (estimate_actions):
//   macs                 the PEs' MACs (TaskWork::macs of every task run)
//   scratchpad reads /   accesses of the port width: a transaction of n bytes
//   writes               is ceil(n / scratchpad.bytes_per_cycle) of them; every
//                        PE read and write and every DMA burst is cut into
//                        transactions of at most max_burst_bytes
//   interconnect bytes   bytes the router forwarded: a PE's reads and writes,
//                        and each DMA burst twice (DRAM side and scratchpad side)
//   DRAM bursts /        column accesses and row activations, by what the
//   activations          transfer moved (input, weights, reload, weight_reload,
//                        spill, output, as DramTraffic);
//                        with contention off the DRAM is idle for every
//                        transaction, so each interleave chunk activates its
//                        row (DramSpec::idle_transaction_actions), with
//                        contention on the DRAM's open rows decide
// Energy: counts x table; static power x makespan (1 mW over 1 ps = 1e-3 pJ);
// EDP = total energy x makespan.
#include <array>
#include <cstdint>
#include <vector>

#include <cnnsched/sched/energy/energy_table.hpp>
#include <cnnsched/sched/graph/task_work.hpp>
#include <cnnsched/sched/offchip/transfer.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct CnnGraph;
struct PolicyPlan;

enum class DramKind { kInput, kWeights, kReload, kWeightReload, kSpill, kOutput };
inline constexpr std::size_t kDramKinds = 6;
// "input", "weights", "reload", "weight_reload", "spill", "output" (as DramTraffic).
const char* dram_kind_name(DramKind kind);
// The kind of a transfer (not kNone) of data of `data` kind (DramTraffic::add's rule).
DramKind dram_kind(TransferKind kind, DataKind data);

struct DramActions {
  std::int64_t bursts = 0;  // column accesses
  std::int64_t activations = 0;
  DramActions& operator+=(const DramActions& o) {
    bursts += o.bursts;
    activations += o.activations;
    return *this;
  }
  bool operator==(const DramActions& o) const { return bursts == o.bursts && activations == o.activations; }
};

struct ActionCounts {
  std::int64_t macs = 0;
  std::int64_t scratchpad_reads = 0;  // accesses of the port width
  std::int64_t scratchpad_writes = 0;
  std::int64_t interconnect_bytes = 0;
  std::array<DramActions, kDramKinds> dram{};  // by DramKind
  DramActions dram_total() const;
  bool operator==(const ActionCounts& o) const;
};

struct EnergyBreakdown {
  double mac_pj = 0;
  double scratchpad_read_pj = 0;
  double scratchpad_write_pj = 0;
  double interconnect_pj = 0;
  std::array<double, kDramKinds> dram_pj{};  // by DramKind: bursts and activations
  double static_pe_pj = 0;                   // all PEs
  double static_scratchpad_pj = 0;
  double static_interconnect_pj = 0;
  double static_dma_pj = 0;
  double static_dram_pj = 0;
  Time makespan = 0;
  double dram_dynamic_pj() const;
  double static_pj() const;
  double total_pj() const;
  // Energy-delay product in pJ x s.
  double edp_pj_s() const { return total_pj() * static_cast<double>(makespan) * 1e-12; }
};

// Scratchpad accesses of the port width for a transaction of n bytes.
std::int64_t scratchpad_accesses(const Platform& platform, Bytes n);

// Adds one DMA transfer of `bytes` between DRAM offset `dram_offset` and the
// scratchpad (DMA bursts of max_burst_bytes; the DRAM side on an idle DRAM).
void count_dma_transfer(ActionCounts& c, const Platform& platform, DramKind kind, std::uint64_t dram_offset,
                        Bytes bytes);
// Adds task t's PE work: its MACs, its reads and its write.
void count_pe_task(ActionCounts& c, const Platform& platform, const TaskWork& work, TaskId t);

// The counts of tasks 0 .. n-1 (n = transfers.size(), or work.num_tasks()
// when `transfers` is empty): a transfer that is not kNone is a DMA task, any
// other task runs `work` on a PE. data_kinds[b] is what buffer b (a
// Transfer::data) holds (data_kinds() of sched/offchip/planned_traffic.hpp).
ActionCounts count_actions(const TaskWork& work, const std::vector<Transfer>& transfers,
                           const std::vector<DataKind>& data_kinds, const Platform& platform);

// The counts of a plan as it would run with contention off: every task of
// plan.run_work() on its PE, every transfer of the off-chip plan.
ActionCounts estimate_actions(const CnnGraph& cnn, const PolicyPlan& plan, const Platform& platform);

EnergyBreakdown compute_energy(const ActionCounts& counts, const EnergyTable& table, const Platform& platform,
                               std::int64_t element_bytes, Time makespan);

}  // namespace cnnsched
