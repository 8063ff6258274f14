#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include <cnnsched/sim/traces/vcd_file.hpp>

namespace cnnsched {

VcdFile::VcdFile(const std::string& path) : path_(path) {
  const std::string suffix = ".vcd";
  if (path.size() <= suffix.size() || path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    throw std::invalid_argument("VCD path '" + path + "' must end in .vcd");
  const std::string temp_base =
      path.substr(0, path.size() - suffix.size()) + ".tmp." + std::to_string(::getpid());
  temp_path_ = temp_base + suffix;
  pending_ = std::make_unique<PendingPath>(temp_path_);
  // SystemC opens the file only when the simulation starts and then reports a
  // failure from inside sc_start; creating it here names the file and the reason first.
  const int fd = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw_write_error(path_, errno);
  ::close(fd);
  file_ = sc_core::sc_create_vcd_trace_file(temp_base.c_str());  // SystemC appends ".vcd"
  // SystemC announces the timescale as an info report on every run; the README documents it.
  sc_core::sc_report_handler::set_actions("tracing timescale unit set", sc_core::SC_DO_NOTHING);
  file_->set_time_unit(1, sc_core::SC_PS);
}

void VcdFile::close() {
  if (file_ && sc_core::sc_start_of_simulation_invoked()) sc_core::sc_close_vcd_trace_file(file_);
  file_ = nullptr;
}

void VcdFile::commit() {
  close();
  if (!pending_) return;
  place_output(temp_path_, path_, path_);
  pending_->release();
  pending_.reset();
}

}  // namespace cnnsched
