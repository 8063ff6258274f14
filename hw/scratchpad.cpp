#include <cstring>

#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>

namespace cnnsched {

Scratchpad::Scratchpad(sc_core::sc_module_name name, Bytes capacity, const PortTiming& timing,
                       bool store_bytes)
    : sc_core::sc_module(name),
      socket("socket"),
      occupancy("occupancy", 0),
      allocator_(capacity),
      timing_(timing),
      store_(store_bytes),
      memory_(store_bytes ? static_cast<std::size_t>(capacity) : 0, 0) {
  socket.register_b_transport(this, &Scratchpad::b_transport);
  socket.register_transport_dbg(this, &Scratchpad::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &Scratchpad::get_direct_mem_ptr);
  // The only writer of `occupancy`: allocate/release may come from any process.
  SC_METHOD(publish_occupancy);
  sensitive << occupancy_changed_;
}

std::optional<std::uint64_t> Scratchpad::allocate(Bytes n) {
  const auto address = allocator_.allocate(n);
  if (!address) return address;
  occupancy_changed_.notify(sc_core::SC_ZERO_TIME);
  invalidate(*address, n);  // a new buffer: no pointer into its range may survive from an older one
  return address;
}

bool Scratchpad::allocate_at(std::uint64_t address, Bytes n) {
  if (!allocator_.allocate_at(address, n)) return false;
  occupancy_changed_.notify(sc_core::SC_ZERO_TIME);
  invalidate(address, n);
  return true;
}

void Scratchpad::release(std::uint64_t address) {
  const auto bytes = allocator_.block_size(address);
  allocator_.release(address);
  occupancy_changed_.notify(sc_core::SC_ZERO_TIME);
  if (bytes) invalidate(address, *bytes);
}

void Scratchpad::invalidate(std::uint64_t address, Bytes n) {
  if (!store_ || n == 0 || !dmi_granted_) return;  // nothing upstream can hold a pointer
  socket->invalidate_direct_mem_ptr(address, address + static_cast<std::uint64_t>(n) - 1);
}

void Scratchpad::publish_occupancy() { occupancy.write(static_cast<sc_dt::uint64>(allocator_.used())); }

tlm::tlm_response_status Scratchpad::check(const tlm::tlm_generic_payload& trans) const {
  if (trans.get_data_ptr() == nullptr || trans.get_data_length() == 0) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  if (trans.get_byte_enable_ptr() != nullptr) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  if (trans.get_streaming_width() < trans.get_data_length()) return tlm::TLM_BURST_ERROR_RESPONSE;
  if (!allocator_.contains(trans.get_address(), trans.get_data_length()))
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  return tlm::TLM_OK_RESPONSE;
}

void Scratchpad::copy(tlm::tlm_generic_payload& trans) {
  if (!store_) return;  // timing mode: nothing to move
  unsigned char* mem = memory_.data() + trans.get_address();
  if (trans.is_read())
    std::memcpy(trans.get_data_ptr(), mem, trans.get_data_length());
  else if (trans.is_write())
    std::memcpy(mem, trans.get_data_ptr(), trans.get_data_length());
}

void Scratchpad::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const tlm::tlm_response_status status = check(trans);
  trans.set_response_status(status);
  if (status != tlm::TLM_OK_RESPONSE) {
    ++stats_.errors;
    return;
  }
  copy(trans);
  const unsigned int length = trans.get_data_length();
  const auto width = static_cast<std::uint64_t>(timing_.bytes_per_cycle);
  const std::uint64_t accesses = (length + width - 1) / width;
  if (trans.is_read()) {
    ++stats_.reads;
    stats_.bytes_read += length;
    stats_.read_accesses += accesses;
  } else if (trans.is_write()) {
    ++stats_.writes;
    stats_.bytes_written += length;
    stats_.write_accesses += accesses;
  }
  // TLM_IGNORE_COMMAND succeeds without data or time.
  if (!trans.is_read() && !trans.is_write()) return;
  delay += to_sc_time(timing_.transfer_time(length));
}

unsigned int Scratchpad::transport_dbg(tlm::tlm_generic_payload& trans) {
  if (check(trans) != tlm::TLM_OK_RESPONSE || !store_) return 0;
  copy(trans);
  return (trans.is_read() || trans.is_write()) ? trans.get_data_length() : 0;
}

bool Scratchpad::get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi) {
  const std::uint64_t address = trans.get_address();
  const auto block = allocator_.block_holding(address);
  if (!store_ || !block) {
    // Timing mode has no bytes to point at; outside a buffer there is nothing to access.
    dmi.allow_none();
    dmi.set_start_address(address);
    dmi.set_end_address(address);
    return false;
  }
  dmi.set_dmi_ptr(memory_.data() + block->start);
  dmi.set_start_address(block->start);
  dmi.set_end_address(block->start + static_cast<std::uint64_t>(block->bytes) - 1);
  dmi.allow_read_write();
  dmi.set_read_latency(to_sc_time(timing_.latency_ps));
  dmi.set_write_latency(to_sc_time(timing_.latency_ps));
  dmi_granted_ = true;
  return true;
}

}  // namespace cnnsched
