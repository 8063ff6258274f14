#pragma once
// A GTKWave save file for a VCD written by VcdTrace, so
//   gtkwave X.vcd X.gtkw
// opens with the occupancy as an analog step trace on top and each PE's busy
// flag and current task below it.
#include <string>
#include <vector>

#include <cnnsched/sched/types.hpp>
#include <cnnsched/sim/traces/vcd_trace.hpp>

namespace cnnsched {

// `vcd_path` and `path` are written as absolute paths ([dumpfile], [savefile]).
// With end_ps > 0 the view opens zoomed to show [0, end_ps] (1 ps timescale).
void write_gtkw(const std::string& path, const std::string& vcd_path,
                const std::vector<TracedSignal>& signals, Time end_ps = 0);

// The name GTKWave shows for a traced signal: SystemC's VCD writer puts every
// signal below a top scope "SystemC" and splits the hierarchical name at dots;
// vectors carry their bit range.
std::string gtkwave_name(const TracedSignal& signal);

}  // namespace cnnsched
