#pragma once
// The executed schedule in the Chrome trace-event JSON format, which
// ui.perfetto.dev and chrome://tracing open: one track per PE (thread_name
// metadata), an "X" slice per task (ts/dur in microseconds, the planned times
// and start limit in args), and a "C" counter track with the scratchpad bytes
// in use. With an off-chip plan the DMA channels are tracks too (their
// slices are the transfers, with kind and bytes in args) and a second counter
// gives the DRAM bandwidth the running transfers draw (bytes / duration
// each, summed, in GB/s).
#include <string>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/offchip/offchip_plan.hpp>
#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

// `graph` is the graph that ran (PolicyPlan::run_graph); `offchip` null for the on-chip model.
void write_perfetto_trace(const std::string& path, const SimResult& result, const TaskGraph& graph,
                          const OffchipPlan* offchip = nullptr);

}  // namespace cnnsched
