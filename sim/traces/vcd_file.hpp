#pragma once
// A SystemC VCD trace file that is complete or absent, like every other output
// (sched/io/output_file.hpp): SystemC writes it under a temporary name
// (<stem>.tmp.<pid>.vcd) that commit() renames to the path asked for; one never
// committed (an error, an interrupt) is removed, so the previous run's VCD stays.
#include <memory>
#include <string>
#include <systemc>

#include <cnnsched/sched/io/output_file.hpp>

namespace cnnsched {

class VcdFile {
 public:
  // `path` must end in ".vcd"; an InputError naming it when it cannot be created.
  explicit VcdFile(const std::string& path);
  // Unwinding (an error before or during the run): the trace file is left to
  // SystemC unclosed, because closing one whose simulation never started or
  // failed while opening divides by zero inside SystemC; the partial file is removed.
  ~VcdFile() = default;
  VcdFile(const VcdFile&) = delete;
  VcdFile& operator=(const VcdFile&) = delete;

  sc_core::sc_trace_file* get() const { return file_; }
  // Flushes and closes the file after a completed sc_start; idempotent.
  void close();
  // close(), then renames the file into place (or hands it to the current OutputBatch).
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<PendingPath> pending_;
  sc_core::sc_trace_file* file_ = nullptr;
};

}  // namespace cnnsched
