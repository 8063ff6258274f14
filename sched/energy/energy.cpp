#include <algorithm>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/offchip/planned_traffic.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

namespace cnnsched {

namespace {
std::size_t kind_index(DramKind k) { return static_cast<std::size_t>(k); }
}  // namespace

const char* dram_kind_name(DramKind kind) {
  switch (kind) {
    case DramKind::kInput:
      return "input";
    case DramKind::kWeights:
      return "weights";
    case DramKind::kReload:
      return "reload";
    case DramKind::kWeightReload:
      return "weight_reload";
    case DramKind::kSpill:
      return "spill";
    case DramKind::kOutput:
      return "output";
  }
  return "?";
}

DramKind dram_kind(TransferKind kind, DataKind data) {
  switch (kind) {
    case TransferKind::kReload:
      return data == DataKind::kWeights ? DramKind::kWeightReload : DramKind::kReload;
    case TransferKind::kSpill:
      return DramKind::kSpill;
    case TransferKind::kStore:
      return DramKind::kOutput;
    default:
      return data == DataKind::kInput ? DramKind::kInput : DramKind::kWeights;
  }
}

DramActions ActionCounts::dram_total() const {
  DramActions sum;
  for (const DramActions& d : dram) sum += d;
  return sum;
}

bool ActionCounts::operator==(const ActionCounts& o) const {
  return macs == o.macs && scratchpad_reads == o.scratchpad_reads &&
         scratchpad_writes == o.scratchpad_writes && interconnect_bytes == o.interconnect_bytes &&
         dram == o.dram;
}

double EnergyBreakdown::dram_dynamic_pj() const {
  double sum = 0;
  for (double e : dram_pj) sum += e;
  return sum;
}

double EnergyBreakdown::static_pj() const {
  return static_pe_pj + static_scratchpad_pj + static_interconnect_pj + static_dma_pj + static_dram_pj;
}

double EnergyBreakdown::total_pj() const {
  return mac_pj + scratchpad_read_pj + scratchpad_write_pj + interconnect_pj + dram_dynamic_pj() +
         static_pj();
}

std::int64_t scratchpad_accesses(const Platform& platform, Bytes n) {
  const Bytes w = platform.scratchpad.bytes_per_cycle;
  return (n + w - 1) / w;
}

void count_dma_transfer(ActionCounts& c, const Platform& platform, DramKind kind, std::uint64_t dram_offset,
                        Bytes bytes) {
  const bool to_chip = kind == DramKind::kInput || kind == DramKind::kWeights || kind == DramKind::kReload ||
                       kind == DramKind::kWeightReload;
  for (Bytes done = 0; done < bytes;) {
    const Bytes b = std::min(platform.max_burst_bytes, bytes - done);
    const DramSpec::Actions a =
        platform.dram.idle_transaction_actions(dram_offset + static_cast<std::uint64_t>(done), b);
    c.dram[kind_index(kind)] += DramActions{a.columns, a.activations};
    (to_chip ? c.scratchpad_writes : c.scratchpad_reads) += scratchpad_accesses(platform, b);
    c.interconnect_bytes += 2 * b;
    done += b;
  }
}

void count_pe_task(ActionCounts& c, const Platform& platform, const TaskWork& work, TaskId t) {
  auto access = [&](Bytes n, std::int64_t& accesses) {
    for (Bytes done = 0; done < n;) {
      const Bytes b = std::min(platform.max_burst_bytes, n - done);
      accesses += scratchpad_accesses(platform, b);
      c.interconnect_bytes += b;
      done += b;
    }
  };
  c.macs += work.macs(t);
  for (const Access& a : work.reads(t)) access(a.bytes, c.scratchpad_reads);
  if (work.write(t).buffer >= 0) access(work.write(t).bytes, c.scratchpad_writes);
}

ActionCounts count_actions(const TaskWork& work, const std::vector<Transfer>& transfers,
                           const std::vector<DataKind>& data_kinds, const Platform& platform) {
  ActionCounts c;
  const TaskId n = transfers.empty() ? work.num_tasks() : static_cast<TaskId>(transfers.size());
  for (TaskId t = 0; t < n; ++t) {
    const Transfer* x = transfers.empty() ? nullptr : &transfers[static_cast<std::size_t>(t)];
    if (x != nullptr && x->kind != TransferKind::kNone)
      count_dma_transfer(c, platform, dram_kind(x->kind, data_kinds[static_cast<std::size_t>(x->data)]),
                         x->dram_offset, x->bytes);
    else
      count_pe_task(c, platform, work, t);
  }
  return c;
}

ActionCounts estimate_actions(const CnnGraph& cnn, const PolicyPlan& plan, const Platform& platform) {
  static const std::vector<Transfer> kNoTransfers;
  return count_actions(plan.run_work(), plan.offchip ? plan.offchip->transfers : kNoTransfers,
                       data_kinds(cnn), platform);
}

EnergyBreakdown compute_energy(const ActionCounts& c, const EnergyTable& t, const Platform& platform,
                               std::int64_t element_bytes, Time makespan) {
  EnergyBreakdown e;
  auto d = [](std::int64_t n) { return static_cast<double>(n); };
  e.mac_pj = d(c.macs) * t.mac_pj_for(element_bytes);
  e.scratchpad_read_pj = d(c.scratchpad_reads) * t.scratchpad_read_pj;
  e.scratchpad_write_pj = d(c.scratchpad_writes) * t.scratchpad_write_pj;
  e.interconnect_pj = d(c.interconnect_bytes) * t.interconnect_byte_pj;
  for (std::size_t k = 0; k < kDramKinds; ++k)
    e.dram_pj[k] = d(c.dram[k].bursts) * t.dram_burst_pj + d(c.dram[k].activations) * t.dram_activation_pj;
  // mW x ps = 1e-3 W x 1e-12 s = 1e-15 J = 1e-3 pJ
  const double ps = static_cast<double>(makespan) * 1e-3;
  e.static_pe_pj = t.static_pe_mw * static_cast<double>(platform.pes.size()) * ps;
  e.static_scratchpad_pj = t.static_scratchpad_mw * ps;
  e.static_interconnect_pj = t.static_interconnect_mw * ps;
  e.static_dma_pj = t.static_dma_mw * ps;
  e.static_dram_pj = t.static_dram_mw * ps;
  e.makespan = makespan;
  return e;
}

}  // namespace cnnsched
