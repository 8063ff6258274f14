#pragma once
// A pass-through monitor that checks TLM-2.0 base-protocol rules (IEEE 1666-2011
// clause 11 and 14) on every blocking and debug transaction between ONE initiator
// and the rest of the platform. Insert it between an initiator socket and
// whatever it was bound to:
//
//   pe.socket.bind(checker.in);  checker.out.bind(router.in);
//
// b_transport, before forwarding (the initiator's obligations):
//   - not called from an SC_METHOD (b_transport may wait);
//   - response status is TLM_INCOMPLETE_RESPONSE;
//   - read/write: data pointer non-null, data length > 0, streaming width > 0.
// b_transport, after it returns (the target's and interconnect's obligations):
//   - the response status is no longer TLM_INCOMPLETE_RESPONSE;
//   - the delay did not decrease;
//   - a byte-enable pointer with byte-enable length 0 (inconsistent) was
//     rejected with TLM_BYTE_ENABLE_ERROR_RESPONSE;
//   - if the response is OK: command, address, data pointer, data length
//     and streaming width are unchanged.
// transport_dbg (may come from any process, has no delay or response status):
//   - read/write with data length > 0 needs a non-null data pointer;
//   - the returned byte count is at most the data length; command, address,
//     data pointer and data length are unchanged.
// A violation is SC_REPORT_ERROR(kTlmCheckerMsgType, "<checker name>: <rule>")
// and counted; with the default SystemC actions it throws.
// get_direct_mem_ptr and invalidate_direct_mem_ptr pass through unchecked.
#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

namespace cnnsched {

inline constexpr const char* kTlmCheckerMsgType = "/cnnsched/tlm_checker";

class TlmChecker : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<TlmChecker> in;      // bind the initiator here
  tlm_utils::simple_initiator_socket<TlmChecker> out;  // bind to the interconnect or target

  explicit TlmChecker(sc_core::sc_module_name name);

  std::uint64_t transactions_checked() const { return b_checked_; }  // b_transport calls
  std::uint64_t debug_transactions_checked() const { return dbg_checked_; }
  std::uint64_t violations() const { return violations_; }

 private:
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
  void violation(const std::string& rule, const tlm::tlm_generic_payload& trans);

  std::uint64_t b_checked_ = 0;
  std::uint64_t dbg_checked_ = 0;
  std::uint64_t violations_ = 0;
};

}  // namespace cnnsched
