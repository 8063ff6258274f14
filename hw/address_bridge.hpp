#pragma once
// A window from one bus into another: an LT target whose local address a
// becomes offset + a on its initiator socket (restored before returning).
// The SoC bus maps it like any memory (the bus delivers local addresses from
// 0); the accelerator uses one to let the host reach its DRAM at the DRAM's
// own global addresses. b_transport and transport_dbg are forwarded, the
// delay passes through (the bridge adds no time); DMI is refused (no
// translation of grants), so an initiator falls back to transactions.
#include <cstdint>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

namespace cnnsched {

class AddressBridge : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<AddressBridge> socket;
  tlm_utils::simple_initiator_socket<AddressBridge> out;

  AddressBridge(sc_core::sc_module_name name, std::uint64_t offset);
  std::uint64_t offset() const { return offset_; }

 private:
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);

  std::uint64_t offset_;
};

}  // namespace cnnsched
