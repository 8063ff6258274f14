#pragma once
// A host CPU model for SoC models, examples and tests: an LT initiator whose
// thread drives the accelerator's registers (hw/registers.hpp) once per
// command list, as a device driver would:
//   1. write the list into memory at `list_address`, in bursts of at most
//      `max_burst_bytes`;
//   2. program CMD_ADDR_LO/HI, CMD_SIZE and IRQ_ENABLE (done and error), then
//      write CTRL.START;
//   3. wait for the interrupt, read STATUS and ERROR_CODE, acknowledge the
//      interrupt (IRQ_STATUS write 1 to clear) and wait for the line to drop.
// Every access waits its annotated delay (no temporal decoupling). A bus error
// ends the sequence: bus_error() says where, and the runs so far stay.
#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

namespace cnnsched {

// What the host saw of one run.
struct HostRun {
  std::uint32_t status = 0;      // STATUS after the interrupt
  std::uint32_t error_code = 0;  // ERROR_CODE after the interrupt
  sc_core::sc_time started;      // when START was written
  sc_core::sc_time interrupted;  // when the interrupt rose
};

class HostCpu : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<HostCpu> socket;
  sc_core::sc_in<bool> irq;

  SC_HAS_PROCESS(HostCpu);
  HostCpu(sc_core::sc_module_name name, std::uint64_t register_base, std::uint64_t list_address,
          std::vector<std::vector<unsigned char>> lists, unsigned max_burst_bytes = 64);

  // One entry per list whose run ended with an interrupt, in order.
  const std::vector<HostRun>& runs() const { return runs_; }
  // Empty, or the first failed access ("write at 0x...: <response>").
  const std::string& bus_error() const { return bus_error_; }

 private:
  void drive();
  bool run(const std::vector<unsigned char>& list);
  bool access(tlm::tlm_command command, std::uint64_t address, unsigned char* data, unsigned length);
  bool set(std::uint64_t offset, std::uint32_t value);
  bool get(std::uint64_t offset, std::uint32_t& value);

  std::uint64_t register_base_, list_address_;
  std::vector<std::vector<unsigned char>> lists_;
  unsigned max_burst_bytes_;
  std::vector<HostRun> runs_;
  std::string bus_error_;
  tlm::tlm_generic_payload trans_;
};

}  // namespace cnnsched
