#include <cnnsched/sim/traces/vcd_trace.hpp>

namespace cnnsched {

namespace {

template <typename T, sc_core::sc_writer_policy Policy>
void trace(sc_core::sc_trace_file* file, const sc_core::sc_signal<T, Policy>& signal, int width, bool analog,
           std::vector<TracedSignal>& out) {
  sc_core::sc_trace(file, signal, signal.name());
  out.push_back({signal.name(), width, analog});
}

}  // namespace

VcdTrace::VcdTrace(const std::string& path, Accelerator& accelerator) : file_(path) {
  trace(file_.get(), accelerator.scratchpad->occupancy, 64, true, signals_);
  for (Pe& pe : accelerator.pes) {
    trace(file_.get(), pe.busy, 1, false, signals_);
    trace(file_.get(), pe.current_task, 32, false, signals_);
  }
  trace(file_.get(), accelerator.router->bytes_moved, 64, true, signals_);
  if (accelerator.dma) {
    for (int c = 0; c < accelerator.dma->num_channels(); ++c)
      trace(file_.get(), accelerator.dma->busy(c), 1, false, signals_);
    trace(file_.get(), accelerator.dram->bytes_moved, 64, true, signals_);
  }
}

}  // namespace cnnsched
