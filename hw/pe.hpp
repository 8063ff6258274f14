#pragma once
// A processing element: a TLM-2.0 LT initiator that runs one PeJob at a time.
//
// A job, in this order: each read as blocking TLM_READ_COMMAND bursts of at
// most max_burst_bytes (hw/bursts.hpp), each followed by wait(delay); the
// compute, wait(ceil(macs / macs_per_cycle) * cycle); the write as
// TLM_WRITE_COMMAND bursts the same way (skipped when write.bytes is 0).
// With an uncontended interconnect a job therefore lasts exactly
// TaskWork::cost(). With a global quantum > 0 the waits inside a job are
// temporally decoupled (hw/local_time.hpp); start and finish stay exact. Reads land back to back in a
// PE-local buffer (read_data()); the write sends write_data() (zeros unless a caller fills it), so the data
// path is real.
//
// Two optional hooks let a caller compute on real data without the PE knowing
// what the job means (both unset: nothing extra happens): after_read runs
// right after each timed read's last burst returns (before its delay), e.g. to
// gather more data with debug_read() at that very moment; compute runs after
// the last read, before the compute time, and fills the write's data.
// A non-OK response is an SC_REPORT_ERROR naming the PE, task and address.
#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/hw/local_time.hpp>
#include <cnnsched/hw/pe_job.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/types.hpp>

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
  // Optional data hooks (see above). compute gets write_data already sized to write.bytes.
  std::function<void(const PeJob&, std::size_t read_index)> after_read;
  std::function<void(const PeJob&, const std::vector<unsigned char>& read_data,
                     std::vector<unsigned char>& write_data)>
      compute;

  SC_HAS_PROCESS(Pe);
  Pe(sc_core::sc_module_name name, std::int64_t macs_per_cycle, Time cycle_ps,
     std::uint32_t max_burst_bytes = Platform::kDefaultMaxBurstBytes);

  // Hands the PE a job; it starts in the current delta cycle (or at the start
  // of simulation if called during elaboration). Precondition: idle(), else
  // SC_REPORT_ERROR.
  void start(PeJob job);
  bool idle() const { return !has_job_; }
  Time compute_time(std::int64_t macs) const;
  // A TLM debug read (transport_dbg) through the PE's socket: no time, no
  // statistics. Returns the bytes the target delivered.
  unsigned int debug_read(std::uint64_t address, unsigned char* data, unsigned int bytes);

  std::int64_t macs_per_cycle() const { return macs_per_cycle_; }
  Time cycle_ps() const { return cycle_ps_; }
  std::uint32_t max_burst_bytes() const { return max_burst_; }
  std::uint64_t jobs_done() const { return jobs_; }
  std::uint64_t transactions() const { return transactions_; }
  // MACs of the jobs finished so far (the energy model's PE action).
  std::int64_t macs_done() const { return macs_; }
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
  // `read_index` >= 0 runs after_read for that read before the delay.
  void transfer(tlm::tlm_command command, const PeTransfer& t, unsigned char* data, const PeJob& job,
                long read_index = -1);

  std::int64_t macs_per_cycle_;
  Time cycle_ps_;
  std::uint32_t max_burst_;
  PeJob job_;
  bool has_job_ = false;
  sc_core::sc_event start_event_;
  tlm::tlm_generic_payload trans_;
  LocalTime local_;  // temporal decoupling inside a job (hw/local_time.hpp)
  std::vector<unsigned char> read_data_;
  std::vector<unsigned char> write_data_;
  std::uint64_t jobs_ = 0;
  std::uint64_t transactions_ = 0;
  std::int64_t macs_ = 0;
  sc_core::sc_time last_start_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time last_finish_ = sc_core::SC_ZERO_TIME;
};

}  // namespace cnnsched
