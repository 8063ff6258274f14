#include <stdexcept>
#include <string>

#include <cnnsched/hw/tlm_payload.hpp>
#include <cnnsched/sim/functional/functional_dma.hpp>

namespace cnnsched {

FunctionalDma::FunctionalDma(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {}

void FunctionalDma::transfer(tlm::tlm_command command, std::uint64_t address, unsigned char* data,
                             unsigned int bytes) {
  tlm::tlm_generic_payload trans;
  prepare_payload(trans, command, address, data, bytes);
  const unsigned int done = socket->transport_dbg(trans);
  if (done != bytes)
    throw std::runtime_error(std::string(name()) + ": debug " +
                             (command == tlm::TLM_READ_COMMAND ? "read" : "write") + " of " +
                             std::to_string(bytes) + " bytes at address " + std::to_string(address) +
                             " served " + std::to_string(done));
}

void FunctionalDma::write(std::uint64_t address, const unsigned char* data, unsigned int bytes) {
  // transport_dbg takes a non-const pointer; a write never modifies it.
  transfer(tlm::TLM_WRITE_COMMAND, address, const_cast<unsigned char*>(data), bytes);
}

void FunctionalDma::read(std::uint64_t address, unsigned char* data, unsigned int bytes) {
  transfer(tlm::TLM_READ_COMMAND, address, data, bytes);
}

}  // namespace cnnsched
