#pragma once
// Functional mode's DMA port: an initiator on the router that preloads the
// network input and the weights into freshly allocated buffers, poisons fresh
// output buffers and reads the network outputs back, all with TLM debug
// transport (transport_dbg through the router: real payloads, no simulated
// time, no traffic statistics), so timing mode's transactions are untouched.
#include <cstdint>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace cnnsched {

class FunctionalDma : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<FunctionalDma> socket;

  explicit FunctionalDma(sc_core::sc_module_name name);

  // Throw std::runtime_error when the target serves fewer bytes than asked
  // (the range is not inside one allocated buffer).
  void write(std::uint64_t address, const unsigned char* data, unsigned int bytes);
  void read(std::uint64_t address, unsigned char* data, unsigned int bytes);

 private:
  void transfer(tlm::tlm_command command, std::uint64_t address, unsigned char* data, unsigned int bytes);
};

}  // namespace cnnsched
