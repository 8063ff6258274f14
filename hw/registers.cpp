#include <cstring>
#include <utility>

#include <cnnsched/hw/registers.hpp>

namespace cnnsched {

namespace {
constexpr std::uint32_t kIrqBits = reg::kIrqDone | reg::kIrqError;
bool read_only(std::uint64_t offset) { return offset == reg::kStatus || offset >= reg::kErrorCode; }
std::uint32_t lo(std::uint64_t v) { return static_cast<std::uint32_t>(v); }
std::uint32_t hi(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }
}  // namespace

AcceleratorRegisters::AcceleratorRegisters(sc_core::sc_module_name name, std::uint64_t base,
                                           const sc_core::sc_time& access_latency)
    : sc_core::sc_module(name), socket("socket"), irq("irq", false), base_(base), latency_(access_latency) {
  socket.register_b_transport(this, &AcceleratorRegisters::b_transport);
  socket.register_transport_dbg(this, &AcceleratorRegisters::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &AcceleratorRegisters::get_direct_mem_ptr);
  SC_METHOD(update_irq);
  sensitive << irq_changed_;
  dont_initialize();
}

std::uint32_t AcceleratorRegisters::peek(std::uint64_t offset) const {
  switch (offset) {
    case reg::kStatus:
      return status_;
    case reg::kIrqEnable:
      return irq_enable_;
    case reg::kIrqStatus:
      return irq_status_;
    case reg::kCmdAddrLo:
      return cmd_addr_lo_;
    case reg::kCmdAddrHi:
      return cmd_addr_hi_;
    case reg::kCmdSize:
      return cmd_size_;
    case reg::kErrorCode:
      return error_code_;
    case reg::kMakespanLo:
      return lo(counters_.makespan);
    case reg::kMakespanHi:
      return hi(counters_.makespan);
    case reg::kTasksDone:
      return counters_.tasks_done;
    case reg::kDramReadLo:
      return lo(counters_.dram_bytes_read);
    case reg::kDramReadHi:
      return hi(counters_.dram_bytes_read);
    case reg::kDramWriteLo:
      return lo(counters_.dram_bytes_written);
    case reg::kDramWriteHi:
      return hi(counters_.dram_bytes_written);
    case reg::kEnergyLo:
      return lo(counters_.energy_pj);
    case reg::kEnergyHi:
      return hi(counters_.energy_pj);
    default:
      return 0;  // CTRL is write-only; START self-clears
  }
}

tlm::tlm_response_status AcceleratorRegisters::check(const tlm::tlm_generic_payload& trans) const {
  const std::uint64_t offset = trans.get_address();
  if (trans.get_data_ptr() == nullptr) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  if (offset >= kRegisterBlockBytes || offset % 4 != 0) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  if (trans.get_data_length() != 4 || trans.get_streaming_width() != 4) return tlm::TLM_BURST_ERROR_RESPONSE;
  if (trans.get_byte_enable_ptr() != nullptr) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  if (trans.is_write() && read_only(offset)) return tlm::TLM_COMMAND_ERROR_RESPONSE;
  return tlm::TLM_OK_RESPONSE;
}

void AcceleratorRegisters::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const tlm::tlm_response_status status = check(trans);
  trans.set_response_status(status);
  if (status != tlm::TLM_OK_RESPONSE) return;
  std::uint32_t value = 0;
  if (trans.is_read()) {
    value = peek(trans.get_address());
    std::memcpy(trans.get_data_ptr(), &value, sizeof value);
  } else if (trans.is_write()) {
    std::memcpy(&value, trans.get_data_ptr(), sizeof value);
    write(trans.get_address(), value, delay);
  } else {
    return;  // TLM_IGNORE_COMMAND: no effect, no time
  }
  delay += latency_;
}

void AcceleratorRegisters::write(std::uint64_t offset, std::uint32_t value, const sc_core::sc_time& delay) {
  switch (offset) {
    case reg::kCtrl:
      if (value & reg::kCtrlStart) start(delay);
      return;
    case reg::kIrqEnable:
      irq_enable_ = value & kIrqBits;
      break;
    case reg::kIrqStatus:
      irq_status_ &= ~value;
      break;  // write 1 to clear
    case reg::kCmdAddrLo:
      cmd_addr_lo_ = value;
      return;
    case reg::kCmdAddrHi:
      cmd_addr_hi_ = value;
      return;
    case reg::kCmdSize:
      cmd_size_ = value;
      return;
    default:
      return;  // check() refused the read-only ones
  }
  irq_changed_.notify(delay);
}

void AcceleratorRegisters::start(const sc_core::sc_time& delay) {
  if (busy()) return;  // one run at a time; the host waits for DONE or ERROR
  status_ = reg::kStatusBusy;
  error_code_ = 0;
  counters_ = RunCounters{};
  start_.notify(delay);
  if (on_start_) on_start_();
}

void AcceleratorRegisters::finish(std::uint32_t status_bit, std::uint32_t irq_bit) {
  status_ = status_bit;
  irq_status_ |= irq_bit;
  irq_changed_.notify(sc_core::SC_ZERO_TIME);
}

void AcceleratorRegisters::report_counters(std::uint64_t makespan, std::uint32_t tasks_done) {
  counters_ = RunCounters{};
  counters_.makespan = makespan;
  counters_.tasks_done = tasks_done;
}

void AcceleratorRegisters::report_done() { finish(reg::kStatusDone, reg::kIrqDone); }

void AcceleratorRegisters::report_error(std::uint32_t code) {
  error_code_ = code;
  finish(reg::kStatusError, reg::kIrqError);
}

void AcceleratorRegisters::update_irq() { irq.write((irq_status_ & irq_enable_) != 0); }

unsigned int AcceleratorRegisters::transport_dbg(tlm::tlm_generic_payload& trans) {
  // Debug reads only: a debug write must not start a run or clear an interrupt.
  if (!trans.is_read() || check(trans) != tlm::TLM_OK_RESPONSE) return 0;
  const std::uint32_t value = peek(trans.get_address());
  std::memcpy(trans.get_data_ptr(), &value, sizeof value);
  return sizeof value;
}

bool AcceleratorRegisters::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  dmi.allow_none();  // for the whole block, so no initiator asks again
  dmi.set_start_address(0);
  dmi.set_end_address(kRegisterBlockBytes - 1);
  return false;
}

}  // namespace cnnsched
