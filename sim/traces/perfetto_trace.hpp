#pragma once
// The executed schedule in the Chrome trace-event JSON format, which
// ui.perfetto.dev and chrome://tracing open: one track per PE (thread_name
// metadata), an "X" slice per task (ts/dur in microseconds, the planned times
// and start limit in args), and a "C" counter track with the scratchpad bytes
// in use.
#include <string>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

void write_perfetto_trace(const std::string& path, const SimResult& result, const TaskGraph& graph);

}  // namespace cnnsched
