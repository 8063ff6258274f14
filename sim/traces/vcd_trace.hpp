#pragma once
// A VCD trace (1 ps time unit) of an accelerator: the scratchpad occupancy in
// bytes, each PE's busy flag and current task, the router's bytes moved.
// Values are sampled at the end of each time step, so the occupancy shown at a
// time is the one after that instant's frees and allocations.
#include <string>
#include <systemc>
#include <vector>

#include <cnnsched/sim/platform/accelerator.hpp>

namespace cnnsched {

struct TracedSignal {
  std::string name;     // hierarchical SystemC name, e.g. "accelerator.pe0.busy"
  int width = 1;        // bits
  bool analog = false;  // best shown as a waveform (occupancy, bytes moved)
};

class VcdTrace {
 public:
  // Opens path (which must end in ".vcd") during elaboration and registers the signals.
  VcdTrace(const std::string& path, Accelerator& accelerator);
  ~VcdTrace();
  VcdTrace(const VcdTrace&) = delete;
  VcdTrace& operator=(const VcdTrace&) = delete;
  // Flushes and closes the file (after sc_start); idempotent.
  void close();
  const std::string& path() const { return path_; }
  const std::vector<TracedSignal>& signals() const { return signals_; }

 private:
  std::string path_;
  sc_core::sc_trace_file* file_ = nullptr;
  std::vector<TracedSignal> signals_;
};

}  // namespace cnnsched
