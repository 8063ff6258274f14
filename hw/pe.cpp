#include <string>
#include <utility>

#include <cnnsched/hw/bursts.hpp>
#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/tlm_payload.hpp>

namespace cnnsched {

Pe::Pe(sc_core::sc_module_name name, std::int64_t macs_per_cycle, Time cycle_ps,
       std::uint32_t max_burst_bytes)
    : sc_core::sc_module(name),
      socket("socket"),
      busy("busy", false),
      current_task("current_task", -1),
      macs_per_cycle_(macs_per_cycle),
      cycle_ps_(cycle_ps),
      max_burst_(max_burst_bytes) {
  if (macs_per_cycle <= 0 || cycle_ps <= 0 || max_burst_bytes == 0)
    SC_REPORT_ERROR(this->name(), "macs_per_cycle, cycle_ps and max_burst_bytes must be positive");
  SC_THREAD(run);
}

Time Pe::compute_time(std::int64_t macs) const {
  return ((macs + macs_per_cycle_ - 1) / macs_per_cycle_) * cycle_ps_;
}

void Pe::start(PeJob job) {
  if (has_job_) {
    SC_REPORT_ERROR(name(), ("start(task " + std::to_string(job.task) + ") while running task " +
                             std::to_string(current_task.read()))
                                .c_str());
    return;
  }
  job_ = std::move(job);
  has_job_ = true;
  // During elaboration the thread sees has_job_ when it first runs.
  if (sc_core::sc_is_running()) start_event_.notify();
}

void Pe::run() {
  while (true) {
    while (!has_job_) wait(start_event_);
    // A local copy: on_done may start() the next job, which overwrites job_.
    const PeJob job = std::move(job_);
    execute(job);
  }
}

void Pe::execute(const PeJob& job) {
  local_.begin();
  last_start_ = sc_core::sc_time_stamp();
  busy.write(true);
  current_task.write(job.task);

  std::size_t total = 0;
  for (const PeTransfer& r : job.reads) total += r.bytes;
  read_data_.resize(total);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < job.reads.size(); ++i) {
    transfer(tlm::TLM_READ_COMMAND, job.reads[i], read_data_.data() + offset, job, static_cast<long>(i));
    offset += job.reads[i].bytes;
  }
  write_data_.resize(job.write.bytes, 0);
  if (compute) compute(job, read_data_, write_data_);
  const Time compute_ps = compute_time(job.macs);
  if (compute_ps > 0) local_.spend(to_sc_time(compute_ps));
  if (job.write.bytes > 0) transfer(tlm::TLM_WRITE_COMMAND, job.write, write_data_.data(), job);
  local_.end();

  last_finish_ = sc_core::sc_time_stamp();
  ++jobs_;
  macs_ += job.macs;
  busy.write(false);
  current_task.write(-1);
  has_job_ = false;  // before the callbacks, so they may start the next job
  done.notify(sc_core::SC_ZERO_TIME);
  if (on_done) on_done(job, last_start_, last_finish_);
}

unsigned int Pe::debug_read(std::uint64_t address, unsigned char* data, unsigned int bytes) {
  tlm::tlm_generic_payload dbg;
  prepare_payload(dbg, tlm::TLM_READ_COMMAND, address, data, bytes);
  return socket->transport_dbg(dbg);
}

void Pe::transfer(tlm::tlm_command command, const PeTransfer& t, unsigned char* data, const PeJob& job,
                  long read_index) {
  for_each_burst(t.bytes, max_burst_, [&](std::uint64_t offset, std::uint32_t n) {
    prepare_payload(trans_, command, t.address + offset, data + offset, n);
    sc_core::sc_time delay = local_.transport_delay();
    socket->b_transport(trans_, delay);
    ++transactions_;
    if (!trans_.is_response_ok())
      SC_REPORT_ERROR(name(), ("task " + std::to_string(job.task) + ": " +
                               (command == tlm::TLM_READ_COMMAND ? "read" : "write") + " of " +
                               std::to_string(n) + " bytes at address " + std::to_string(t.address + offset) +
                               " failed: " + trans_.get_response_string())
                                  .c_str());
    // The hook sees the whole read done: after its last burst, before that burst's delay.
    if (read_index >= 0 && after_read && offset + n == t.bytes)
      after_read(job, static_cast<std::size_t>(read_index));
    local_.after_transport(delay);
  });
}

}  // namespace cnnsched
