#pragma once
// A processing element: a TLM-2.0 LT initiator that runs one PeJob at a time.
//
// A job, in this order: each read as one blocking TLM_READ_COMMAND followed by
// wait(delay); the compute, wait(ceil(macs / macs_per_cycle) * cycle); the
// write as one TLM_WRITE_COMMAND + wait(delay) (skipped when write.bytes is 0).
// With an uncontended interconnect a job therefore lasts exactly
// TaskWork::cost(). Reads land back to back in a PE-local buffer
// (read_data()); the write sends write_data() (zeros unless a caller fills it),
// so the data path is real and a functional mode can compute on it later.
// A non-OK response is an SC_REPORT_ERROR naming the PE, task and address.
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>
#include <vector>

#include "hw/pe_job.hpp"
#include "sched/types.hpp"

namespace cnnsched {

class Pe : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Pe> socket;
  // Written only by the PE's own thread: true from the job's start to its finish.
  sc_core::sc_signal<bool> busy;
  sc_core::sc_signal<int> current_task;  // -1 when idle
  // Notified (delta) when a job finishes.
  sc_core::sc_event done;
  // Called from the PE's thread when a job finishes, after the PE became idle,
  // so it may start() the next job right away.
  std::function<void(const PeJob&, sc_core::sc_time start, sc_core::sc_time finish)> on_done;

  SC_HAS_PROCESS(Pe);
  Pe(sc_core::sc_module_name name, std::int64_t macs_per_cycle, Time cycle_ps);

  // Hands the PE a job; it starts in the current delta cycle (or at the start
  // of simulation if called during elaboration). Precondition: idle(), else
  // SC_REPORT_ERROR.
  void start(const PeJob& job);
  bool idle() const { return !has_job_; }
  Time compute_time(std::int64_t macs) const;

  std::int64_t macs_per_cycle() const { return macs_per_cycle_; }
  Time cycle_ps() const { return cycle_ps_; }
  std::uint64_t jobs_done() const { return jobs_; }
  std::uint64_t transactions() const { return transactions_; }
  sc_core::sc_time last_start() const { return last_start_; }
  sc_core::sc_time last_finish() const { return last_finish_; }
  // The bytes of the last job's reads, concatenated in read order.
  const std::vector<unsigned char>& read_data() const { return read_data_; }
  // The bytes the next write sends; resized to write.bytes (new bytes zero).
  std::vector<unsigned char>& write_data() { return write_data_; }

 private:
  void run();
  void execute(const PeJob& job);
  // One blocking transfer, then wait for its annotated delay.
  void transfer(tlm::tlm_command command, const PeTransfer& t, unsigned char* data, TaskId task);

  std::int64_t macs_per_cycle_;
  Time cycle_ps_;
  PeJob job_;
  bool has_job_ = false;
  sc_core::sc_event start_event_;
  tlm::tlm_generic_payload trans_;
  std::vector<unsigned char> read_data_;
  std::vector<unsigned char> write_data_;
  std::uint64_t jobs_ = 0;
  std::uint64_t transactions_ = 0;
  sc_core::sc_time last_start_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time last_finish_ = sc_core::SC_ZERO_TIME;
};

}  // namespace cnnsched
