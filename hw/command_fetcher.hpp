#pragma once
// The accelerator's front end: on CTRL.START it reads the command list the
// host left in memory (CMD_ADDR, CMD_SIZE) over its initiator socket, decodes
// it against what the accelerator has (CommandListExpect), hands it to `run`
// and ends the run in the registers: done, or error with a code. Nothing it
// meets stops the simulation (no sc_stop): the host sees STATUS and the
// interrupt and may start again.
//
// ERROR_CODE values: a refused list gives its CommandListErrorCode (below 0x100);
// a failed fetch one of the two below; a failed run the code `run` returns.
// The list is read as bursts of at most max_burst_bytes, waiting each burst's
// delay (no temporal decoupling: one list per run).
#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/hw/registers.hpp>
#include <cnnsched/sched/command/command_list.hpp>

namespace cnnsched {

constexpr std::uint32_t kErrorFetchFailed = 0x100;   // a read of the list got an error response
constexpr std::uint32_t kErrorListTooLarge = 0x101;  // CMD_SIZE above the fetcher's max_bytes

class CommandFetcher : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<CommandFetcher> socket;
  // Executes a decoded list in the fetcher's thread (it may wait); returns 0
  // when the run completed, else the ERROR_CODE to report.
  using RunFn = std::function<std::uint32_t(const CommandList&)>;

  SC_HAS_PROCESS(CommandFetcher);
  // Throws std::invalid_argument when max_burst_bytes is 0.
  CommandFetcher(sc_core::sc_module_name name, AcceleratorRegisters& registers,
                 const CommandListExpect& expect, std::uint32_t max_burst_bytes, std::uint32_t max_bytes,
                 RunFn run);

  std::uint64_t runs() const { return runs_; }  // lists decoded and handed to run

 private:
  void serve();
  // Reads the list into bytes_; false after an error response.
  bool fetch(std::uint64_t address, std::uint32_t size);
  std::uint32_t execute();

  AcceleratorRegisters& regs_;
  CommandListExpect expect_;
  std::uint32_t max_burst_;
  std::uint32_t max_bytes_;
  RunFn run_;
  std::vector<unsigned char> bytes_;
  tlm::tlm_generic_payload trans_;
  std::uint64_t runs_ = 0;
};

}  // namespace cnnsched
