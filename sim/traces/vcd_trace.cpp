#include <stdexcept>

#include <cnnsched/sim/traces/vcd_trace.hpp>

namespace cnnsched {

namespace {

template <typename T>
void trace(sc_core::sc_trace_file* file, const sc_core::sc_signal<T>& signal, int width, bool analog,
           std::vector<TracedSignal>& out) {
  sc_core::sc_trace(file, signal, signal.name());
  out.push_back({signal.name(), width, analog});
}

}  // namespace

VcdTrace::VcdTrace(const std::string& path, Accelerator& accelerator) : path_(path) {
  const std::string suffix = ".vcd";
  if (path.size() <= suffix.size() || path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    throw std::invalid_argument("VCD path '" + path + "' must end in .vcd");
  // SystemC appends ".vcd" itself.
  file_ = sc_core::sc_create_vcd_trace_file(path.substr(0, path.size() - suffix.size()).c_str());
  // SystemC announces the timescale as an info report on every run; the README documents it.
  sc_core::sc_report_handler::set_actions("tracing timescale unit set", sc_core::SC_DO_NOTHING);
  file_->set_time_unit(1, sc_core::SC_PS);
  trace(file_, accelerator.scratchpad->occupancy, 64, true, signals_);
  for (const auto& pe : accelerator.pes) {
    trace(file_, pe->busy, 1, false, signals_);
    trace(file_, pe->current_task, 32, false, signals_);
  }
  trace(file_, accelerator.router->bytes_moved, 64, true, signals_);
}

VcdTrace::~VcdTrace() { close(); }

void VcdTrace::close() {
  // SystemC initialises a trace file when the simulation starts; closing one
  // that never started (an error during elaboration) divides by zero inside it.
  if (file_ && sc_core::sc_start_of_simulation_invoked()) sc_core::sc_close_vcd_trace_file(file_);
  file_ = nullptr;
}

}  // namespace cnnsched
