#include <cnnsched/hw/tlm_checker.hpp>

namespace cnnsched {

namespace {

const char* command_name(tlm::tlm_command c) {
  switch (c) {
    case tlm::TLM_READ_COMMAND:
      return "read";
    case tlm::TLM_WRITE_COMMAND:
      return "write";
    default:
      return "ignore";
  }
}

bool moves_data(const tlm::tlm_generic_payload& t) { return t.is_read() || t.is_write(); }

// The attributes a successful transaction must return unchanged.
struct Attributes {
  tlm::tlm_command command;
  sc_dt::uint64 address;
  unsigned char* data;
  unsigned int length;
  unsigned int streaming_width;
  explicit Attributes(const tlm::tlm_generic_payload& t)
      : command(t.get_command()),
        address(t.get_address()),
        data(t.get_data_ptr()),
        length(t.get_data_length()),
        streaming_width(t.get_streaming_width()) {}
  // The first attribute that differs in `t`, or nullptr.
  const char* changed_in(const tlm::tlm_generic_payload& t, bool check_width) const {
    if (t.get_command() != command) return "command";
    if (t.get_address() != address) return "address";
    if (t.get_data_ptr() != data) return "data pointer";
    if (t.get_data_length() != length) return "data length";
    if (check_width && t.get_streaming_width() != streaming_width) return "streaming width";
    return nullptr;
  }
};

}  // namespace

TlmChecker::TlmChecker(sc_core::sc_module_name name) : sc_core::sc_module(name), in("in"), out("out") {
  in.register_b_transport(this, &TlmChecker::b_transport);
  in.register_transport_dbg(this, &TlmChecker::transport_dbg);
  in.register_get_direct_mem_ptr(this, &TlmChecker::get_direct_mem_ptr);
  out.register_invalidate_direct_mem_ptr(this, &TlmChecker::invalidate_direct_mem_ptr);
}

void TlmChecker::violation(const std::string& rule, const tlm::tlm_generic_payload& t) {
  ++violations_;
  const std::string msg = std::string(name()) + ": " + rule + " (" + command_name(t.get_command()) + " of " +
                          std::to_string(t.get_data_length()) + " bytes at address " +
                          std::to_string(t.get_address()) + ")";
  SC_REPORT_ERROR(kTlmCheckerMsgType, msg.c_str());
}

void TlmChecker::b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
  ++b_checked_;
  const sc_core::sc_process_handle caller = sc_core::sc_get_current_process_handle();
  if (caller.valid() && caller.proc_kind() == sc_core::SC_METHOD_PROC_)
    violation("b_transport called from SC_METHOD '" + std::string(caller.name()) +
                  "'; b_transport may wait, so only threads may call it",
              t);
  if (t.get_response_status() != tlm::TLM_INCOMPLETE_RESPONSE)
    violation(std::string("the initiator must set the response status to TLM_INCOMPLETE_RESPONSE before "
                          "b_transport, it was ") +
                  t.get_response_string(),
              t);
  if (moves_data(t)) {
    if (t.get_data_ptr() == nullptr) violation("null data pointer", t);
    if (t.get_data_length() == 0) violation("data length 0", t);
    if (t.get_streaming_width() == 0) violation("streaming width 0 (must be > 0)", t);
  }
  const bool bad_byte_enables = t.get_byte_enable_ptr() != nullptr && t.get_byte_enable_length() == 0;

  const Attributes before(t);
  const sc_core::sc_time delay_before = delay;
  out->b_transport(t, delay);

  if (t.get_response_status() == tlm::TLM_INCOMPLETE_RESPONSE)
    violation("the target returned from b_transport without setting a response status", t);
  if (delay < delay_before)
    violation("the annotated delay decreased from " + delay_before.to_string() + " to " + delay.to_string(),
              t);
  if (bad_byte_enables && t.get_response_status() != tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE)
    violation(
        "a byte enable pointer with byte enable length 0 was not rejected with "
        "TLM_BYTE_ENABLE_ERROR_RESPONSE",
        t);
  if (t.is_response_ok()) {
    if (const char* what = before.changed_in(t, true))
      violation(std::string("the ") + what + " of a successful transaction changed during b_transport", t);
  }
}

unsigned int TlmChecker::transport_dbg(tlm::tlm_generic_payload& t) {
  ++dbg_checked_;
  if (moves_data(t) && t.get_data_length() > 0 && t.get_data_ptr() == nullptr)
    violation("transport_dbg with a null data pointer", t);
  const Attributes before(t);
  const unsigned int done = out->transport_dbg(t);
  if (done > before.length)
    violation("transport_dbg returned " + std::to_string(done) + " bytes, more than the data length", t);
  if (const char* what = before.changed_in(t, false))
    violation(std::string("the ") + what + " changed during transport_dbg", t);
  return done;
}

bool TlmChecker::get_direct_mem_ptr(tlm::tlm_generic_payload& t, tlm::tlm_dmi& dmi) {
  return out->get_direct_mem_ptr(t, dmi);
}

void TlmChecker::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
  in->invalidate_direct_mem_ptr(start, end);
}

}  // namespace cnnsched
