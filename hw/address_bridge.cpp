#include <cnnsched/hw/address_bridge.hpp>

namespace cnnsched {

AddressBridge::AddressBridge(sc_core::sc_module_name name, std::uint64_t offset)
    : sc_core::sc_module(name), socket("socket"), out("out"), offset_(offset) {
  socket.register_b_transport(this, &AddressBridge::b_transport);
  socket.register_transport_dbg(this, &AddressBridge::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &AddressBridge::get_direct_mem_ptr);
}

void AddressBridge::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const sc_dt::uint64 local = trans.get_address();
  trans.set_address(local + offset_);
  out->b_transport(trans, delay);
  trans.set_address(local);
}

unsigned int AddressBridge::transport_dbg(tlm::tlm_generic_payload& trans) {
  const sc_dt::uint64 local = trans.get_address();
  trans.set_address(local + offset_);
  const unsigned int n = out->transport_dbg(trans);
  trans.set_address(local);
  return n;
}

bool AddressBridge::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  dmi.allow_none();
  return false;
}

}  // namespace cnnsched
