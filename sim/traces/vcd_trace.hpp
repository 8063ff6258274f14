#pragma once
// A VCD trace (1 ps time unit) of an accelerator: the scratchpad occupancy in
// bytes, each PE's busy flag and current task, the router's bytes moved.
// Values are sampled at the end of each time step, so the occupancy shown at a
// time is the one after that instant's frees and allocations.
#include <memory>
#include <string>
#include <systemc>
#include <vector>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>

namespace cnnsched {

struct TracedSignal {
  std::string name;     // hierarchical SystemC name, e.g. "accelerator.pe0.busy"
  int width = 1;        // bits
  bool analog = false;  // best shown as a waveform (occupancy, bytes moved)
};

// SystemC writes the file under a temporary name (<stem>.tmp.<pid>.vcd) that
// commit() renames to `path`; a trace never committed is removed, so an error
// or an interrupt leaves the previous run's VCD as it was.
class VcdTrace {
 public:
  // Registers the signals during elaboration; `path` must end in ".vcd". An
  // InputError naming the file when it cannot be created.
  VcdTrace(const std::string& path, Accelerator& accelerator);
  ~VcdTrace();
  VcdTrace(const VcdTrace&) = delete;
  VcdTrace& operator=(const VcdTrace&) = delete;
  // Flushes and closes the file after a completed sc_start; idempotent.
  void close();
  // close(), then renames the file into place.
  void commit();
  const std::string& path() const { return path_; }
  const std::vector<TracedSignal>& signals() const { return signals_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<PendingPath> pending_;
  sc_core::sc_trace_file* file_ = nullptr;
  std::vector<TracedSignal> signals_;
};

}  // namespace cnnsched
