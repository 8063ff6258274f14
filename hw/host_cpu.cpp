#include <algorithm>
#include <sstream>

#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/tlm_payload.hpp>

namespace cnnsched {

namespace {
std::vector<HostJob> jobs_of(std::uint64_t list_address, std::vector<std::vector<unsigned char>> lists) {
  std::vector<HostJob> jobs;
  for (auto& list : lists) {
    HostJob j;
    j.list = std::move(list);
    j.list_address = list_address;
    jobs.push_back(std::move(j));
  }
  return jobs;
}
}  // namespace

HostCpu::HostCpu(sc_core::sc_module_name name, std::uint64_t register_base, std::uint64_t list_address,
                 std::vector<std::vector<unsigned char>> lists, unsigned max_burst_bytes)
    : HostCpu(name, register_base, jobs_of(list_address, std::move(lists)), max_burst_bytes) {}

HostCpu::HostCpu(sc_core::sc_module_name name, std::uint64_t register_base, std::vector<HostJob> jobs,
                 unsigned max_burst_bytes)
    : sc_core::sc_module(name),
      socket("socket"),
      irq("irq"),
      register_base_(register_base),
      jobs_(std::move(jobs)),
      max_burst_bytes_(std::max(1u, max_burst_bytes)) {
  SC_THREAD(drive);
}

void HostCpu::drive() {
  for (const auto& job : jobs_)
    if (!run(job)) return;
}

bool HostCpu::transfer(tlm::tlm_command command, std::uint64_t address, unsigned char* data, unsigned size) {
  for (unsigned done = 0; done < size; done += max_burst_bytes_)
    if (!access(command, address + done, data + done, std::min(max_burst_bytes_, size - done))) return false;
  return true;
}

bool HostCpu::get64(std::uint64_t lo_offset, std::uint64_t& value) {
  std::uint32_t lo = 0, hi = 0;
  if (!get(lo_offset, lo) || !get(lo_offset + 4, hi)) return false;
  value = (std::uint64_t{hi} << 32) | lo;
  return true;
}

bool HostCpu::run(const HostJob& job) {
  for (const HostBlock& b : job.writes) {
    std::vector<unsigned char> bytes = b.bytes;  // the payload needs writable data
    if (!transfer(tlm::TLM_WRITE_COMMAND, b.address, bytes.data(), static_cast<unsigned>(bytes.size())))
      return false;
  }
  std::vector<unsigned char> bytes = job.list;
  const auto size = static_cast<unsigned>(bytes.size());
  if (!transfer(tlm::TLM_WRITE_COMMAND, job.list_address, bytes.data(), size)) return false;
  const std::uint64_t cmd = job.cmd_address.value_or(job.list_address);
  HostRun r;
  const bool programmed = set(reg::kCmdAddrLo, static_cast<std::uint32_t>(cmd)) &&
                          set(reg::kCmdAddrHi, static_cast<std::uint32_t>(cmd >> 32)) &&
                          set(reg::kCmdSize, size) && set(reg::kIrqEnable, reg::kIrqDone | reg::kIrqError);
  r.started = sc_core::sc_time_stamp();
  if (!programmed || !set(reg::kCtrl, reg::kCtrlStart)) return false;
  if (!irq.read()) wait(irq.posedge_event());
  r.interrupted = sc_core::sc_time_stamp();
  RunCounters& c = r.counters;
  if (!get(reg::kStatus, r.status) || !get(reg::kErrorCode, r.error_code) ||
      !get64(reg::kMakespanLo, c.makespan) || !get(reg::kTasksDone, c.tasks_done) ||
      !get64(reg::kDramReadLo, c.dram_bytes_read) || !get64(reg::kDramWriteLo, c.dram_bytes_written) ||
      !get64(reg::kEnergyLo, c.energy_pj))
    return false;
  if (!set(reg::kIrqStatus, reg::kIrqDone | reg::kIrqError)) return false;  // acknowledge
  if (irq.read()) wait(irq.negedge_event());
  if (r.status == reg::kStatusDone)
    for (const HostBlock& b : job.reads) {
      r.read_back.emplace_back(b.bytes.size());
      if (!transfer(tlm::TLM_READ_COMMAND, b.address, r.read_back.back().data(),
                    static_cast<unsigned>(b.bytes.size())))
        return false;
    }
  runs_.push_back(std::move(r));
  return true;
}

bool HostCpu::access(tlm::tlm_command command, std::uint64_t address, unsigned char* data, unsigned length) {
  prepare_payload(trans_, command, address, data, length);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  socket->b_transport(trans_, delay);
  if (!trans_.is_response_ok()) {
    std::ostringstream s;
    s << (command == tlm::TLM_WRITE_COMMAND ? "write" : "read") << " at 0x" << std::hex << address << ": "
      << trans_.get_response_string();
    bus_error_ = s.str();
    return false;
  }
  wait(delay);
  return true;
}

bool HostCpu::set(std::uint64_t offset, std::uint32_t value) {
  return access(tlm::TLM_WRITE_COMMAND, register_base_ + offset, reinterpret_cast<unsigned char*>(&value), 4);
}

bool HostCpu::get(std::uint64_t offset, std::uint32_t& value) {
  return access(tlm::TLM_READ_COMMAND, register_base_ + offset, reinterpret_cast<unsigned char*>(&value), 4);
}

}  // namespace cnnsched
