#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
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

// SystemC opens the file only when the simulation starts and then reports a
// failure from inside sc_start; creating it here names the file and the reason first.
void check_can_create(const std::string& temp, const std::string& path) {
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw_write_error(path, errno);
  ::close(fd);
}

}  // namespace

VcdTrace::VcdTrace(const std::string& path, Accelerator& accelerator) : path_(path) {
  const std::string suffix = ".vcd";
  if (path.size() <= suffix.size() || path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    throw std::invalid_argument("VCD path '" + path + "' must end in .vcd");
  const std::string temp_base =
      path.substr(0, path.size() - suffix.size()) + ".tmp." + std::to_string(::getpid());
  temp_path_ = temp_base + suffix;
  pending_ = std::make_unique<PendingPath>(temp_path_);
  check_can_create(temp_path_, path_);
  // SystemC appends ".vcd" itself.
  file_ = sc_core::sc_create_vcd_trace_file(temp_base.c_str());
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

// Unwinding (an error before or during the run): the trace file is left to
// SystemC unclosed, because closing one whose simulation never started or
// failed while opening divides by zero inside SystemC; the partial file is removed.
VcdTrace::~VcdTrace() = default;

void VcdTrace::close() {
  if (file_ && sc_core::sc_start_of_simulation_invoked()) sc_core::sc_close_vcd_trace_file(file_);
  file_ = nullptr;
}

void VcdTrace::commit() {
  close();
  if (!pending_) return;
  place_output(temp_path_, path_, path_);
  pending_->release();
  pending_.reset();
}

}  // namespace cnnsched
