#pragma once
// A VCD trace (1 ps time unit) of an accelerator: the scratchpad occupancy in
// bytes, each PE's busy flag and current task, the router's bytes moved.
// Values are sampled at the end of each time step, so the occupancy shown at a
// time is the one after that instant's frees and allocations.
#include <string>
#include <systemc>
#include <vector>

#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/traces/vcd_file.hpp>

namespace cnnsched {

struct TracedSignal {
  std::string name;     // hierarchical SystemC name, e.g. "accelerator.pe0.busy"
  int width = 1;        // bits
  bool analog = false;  // best shown as a waveform (occupancy, bytes moved)
};

// The file is a VcdFile: complete or absent (sim/traces/vcd_file.hpp).
class VcdTrace {
 public:
  // Registers the signals during elaboration; `path` must end in ".vcd". An
  // InputError naming the file when it cannot be created.
  VcdTrace(const std::string& path, Accelerator& accelerator);
  // Flushes and closes the file after a completed sc_start; idempotent.
  void close() { file_.close(); }
  // close(), then renames the file into place.
  void commit() { file_.commit(); }
  const std::string& path() const { return file_.path(); }
  const std::vector<TracedSignal>& signals() const { return signals_; }

 private:
  VcdFile file_;
  std::vector<TracedSignal> signals_;
};

}  // namespace cnnsched
