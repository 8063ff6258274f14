#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/offchip/planned_traffic.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/sim_energy.hpp>
#include <cnnsched/sim/platform/sim_records.hpp>

namespace cnnsched {

ActionCounts simulated_actions(const Accelerator& acc, const CnnGraph& cnn, const PolicyPlan& plan,
                               const Platform& platform, const std::vector<SimMemoryEvent>& memory_events) {
  ActionCounts c;
  for (const Pe& pe : acc.pes) c.macs += pe.macs_done();
  const Scratchpad::Stats& s = acc.scratchpad->stats();
  c.scratchpad_reads = static_cast<std::int64_t>(s.read_accesses);
  c.scratchpad_writes = static_cast<std::int64_t>(s.write_accesses);
  for (const SimMemoryEvent& e : memory_events)
    if (e.move) {
      c.scratchpad_reads += scratchpad_accesses(platform, e.bytes);
      c.scratchpad_writes += scratchpad_accesses(platform, e.bytes);
    }
  c.interconnect_bytes = static_cast<std::int64_t>(acc.router->bytes_forwarded());
  if (acc.dram && plan.offchip) {
    const std::vector<DataKind> kinds = data_kinds(cnn);
    const std::vector<Transfer>& transfers = plan.offchip->transfers;
    for (const auto& [tag, a] : acc.dram->all_tag_actions()) {
      // Only the DMA's transfers reach the DRAM in a run; each burst carries its task.
      if (tag < 0 || static_cast<std::size_t>(tag) >= transfers.size()) continue;
      const Transfer& t = transfers[static_cast<std::size_t>(tag)];
      if (t.kind == TransferKind::kNone) continue;
      const auto k = static_cast<std::size_t>(dram_kind(t.kind, kinds[static_cast<std::size_t>(t.data)]));
      c.dram[k] +=
          DramActions{static_cast<std::int64_t>(a.columns), static_cast<std::int64_t>(a.activations)};
    }
  }
  return c;
}

}  // namespace cnnsched
