#pragma once
// Every initiator here (PE, traffic generator, functional DMA) issues plain
// transfers: one command, one contiguous range, no byte enables, no DMI. One
// place sets such a payload up, including the TLM_INCOMPLETE_RESPONSE the base
// protocol requires before each call.
#include <cstdint>
#include <tlm>

namespace cnnsched {

inline void prepare_payload(tlm::tlm_generic_payload& p, tlm::tlm_command command, std::uint64_t address,
                            unsigned char* data, unsigned int bytes) {
  p.set_command(command);
  p.set_address(address);
  p.set_data_ptr(data);
  p.set_data_length(bytes);
  p.set_streaming_width(bytes);
  p.set_byte_enable_ptr(nullptr);
  p.set_byte_enable_length(0);
  p.set_dmi_allowed(false);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

}  // namespace cnnsched
