#include <algorithm>
#include <sstream>

#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/tlm_payload.hpp>

namespace cnnsched {

HostCpu::HostCpu(sc_core::sc_module_name name, std::uint64_t register_base, std::uint64_t list_address,
                 std::vector<std::vector<unsigned char>> lists, unsigned max_burst_bytes)
    : sc_core::sc_module(name),
      socket("socket"),
      irq("irq"),
      register_base_(register_base),
      list_address_(list_address),
      lists_(std::move(lists)),
      max_burst_bytes_(std::max(1u, max_burst_bytes)) {
  SC_THREAD(drive);
}

void HostCpu::drive() {
  for (const auto& list : lists_)
    if (!run(list)) return;
}

bool HostCpu::run(const std::vector<unsigned char>& list) {
  std::vector<unsigned char> bytes = list;  // the payload needs writable data
  const auto size = static_cast<unsigned>(bytes.size());
  for (unsigned done = 0; done < size; done += max_burst_bytes_)
    if (!access(tlm::TLM_WRITE_COMMAND, list_address_ + done, bytes.data() + done,
                std::min(max_burst_bytes_, size - done)))
      return false;
  HostRun r;
  const bool programmed = set(reg::kCmdAddrLo, static_cast<std::uint32_t>(list_address_)) &&
                          set(reg::kCmdAddrHi, static_cast<std::uint32_t>(list_address_ >> 32)) &&
                          set(reg::kCmdSize, size) && set(reg::kIrqEnable, reg::kIrqDone | reg::kIrqError);
  r.started = sc_core::sc_time_stamp();
  if (!programmed || !set(reg::kCtrl, reg::kCtrlStart)) return false;
  if (!irq.read()) wait(irq.posedge_event());
  r.interrupted = sc_core::sc_time_stamp();
  if (!get(reg::kStatus, r.status) || !get(reg::kErrorCode, r.error_code)) return false;
  if (!set(reg::kIrqStatus, reg::kIrqDone | reg::kIrqError)) return false;  // acknowledge
  if (irq.read()) wait(irq.negedge_event());
  runs_.push_back(r);
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
