#pragma once
// A host CPU model for SoC models, examples and tests: an LT initiator whose
// thread drives the accelerator's registers (hw/registers.hpp) once per
// job (HostJob), as a device driver would:
//   1. write the job's blocks (e.g. the network input) and the list into
//      memory, the list at `list_address`, in bursts of at most
//      `max_burst_bytes`;
//   2. program CMD_ADDR_LO/HI (cmd_address, default list_address), CMD_SIZE
//      and IRQ_ENABLE (done and error), then write CTRL.START;
//   3. wait for the interrupt, read STATUS, ERROR_CODE and the counters
//      (MAKESPAN .. ENERGY), acknowledge the interrupt (IRQ_STATUS write 1 to
//      clear) and wait for the line to drop;
//   4. after DONE only: read the job's read blocks back (e.g. the network
//      output) into HostRun::read_back.
// Every access waits its annotated delay (no temporal decoupling). A bus error
// ends the sequence: bus_error() says where, and the runs so far stay.
#include <cstdint>
#include <optional>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/hw/registers.hpp>

namespace cnnsched {

struct HostBlock {
  std::uint64_t address = 0;
  std::vector<unsigned char> bytes;  // written before the run; for a read, its size is the length
};

struct HostJob {
  std::vector<unsigned char> list;
  std::uint64_t list_address = 0;
  std::optional<std::uint64_t> cmd_address;  // CMD_ADDR as programmed; unset: list_address
  std::vector<HostBlock> writes;             // before the run, in order
  std::vector<HostBlock> reads;              // after DONE, in order
};

// What the host saw of one run.
struct HostRun {
  std::uint32_t status = 0;                           // STATUS after the interrupt
  std::uint32_t error_code = 0;                       // ERROR_CODE after the interrupt
  sc_core::sc_time started;                           // when START was written
  sc_core::sc_time interrupted;                       // when the interrupt rose
  RunCounters counters;                               // the counter registers after the interrupt
  std::vector<std::vector<unsigned char>> read_back;  // per HostJob::reads (DONE only)
};

class HostCpu : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<HostCpu> socket;
  sc_core::sc_in<bool> irq;

  SC_HAS_PROCESS(HostCpu);
  HostCpu(sc_core::sc_module_name name, std::uint64_t register_base, std::uint64_t list_address,
          std::vector<std::vector<unsigned char>> lists, unsigned max_burst_bytes = 64);
  HostCpu(sc_core::sc_module_name name, std::uint64_t register_base, std::vector<HostJob> jobs,
          unsigned max_burst_bytes = 64);

  // One entry per list whose run ended with an interrupt, in order.
  const std::vector<HostRun>& runs() const { return runs_; }
  // Empty, or the first failed access ("write at 0x...: <response>").
  const std::string& bus_error() const { return bus_error_; }

 private:
  void drive();
  bool run(const HostJob& job);
  bool transfer(tlm::tlm_command command, std::uint64_t address, unsigned char* data, unsigned size);
  bool get64(std::uint64_t lo_offset, std::uint64_t& value);
  bool access(tlm::tlm_command command, std::uint64_t address, unsigned char* data, unsigned length);
  bool set(std::uint64_t offset, std::uint32_t value);
  bool get(std::uint64_t offset, std::uint32_t& value);

  std::uint64_t register_base_;
  std::vector<HostJob> jobs_;
  unsigned max_burst_bytes_;
  std::vector<HostRun> runs_;
  std::string bus_error_;
  tlm::tlm_generic_payload trans_;
};

}  // namespace cnnsched
