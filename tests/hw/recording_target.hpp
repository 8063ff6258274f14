#pragma once
// Test doubles for the hardware tests: a target that records every
// transaction it sees and answers with a fixed timing, and an initiator whose
// socket a test drives directly from sc_main after elaboration (LT targets
// never wait, so no process is needed).
#include <cstdint>
#include <functional>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <utility>
#include <vector>

#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched::testing {

struct Seen {
  tlm::tlm_command command;
  std::uint64_t address;
  unsigned length;
  sc_core::sc_time arrival;  // sc_time_stamp() + the delay annotated so far
};

// Answers OK after timing.transfer_time(length); read data is the low byte of
// each address, so tests can check what arrived.
class RecordingTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<RecordingTarget> socket;
  std::vector<Seen> seen;
  unsigned dbg_calls = 0;

  RecordingTarget(sc_core::sc_module_name name, PortTiming timing = {0, 1, 1000})
      : sc_core::sc_module(name), socket("socket"), timing_(timing) {
    socket.register_b_transport(this, &RecordingTarget::b_transport);
    socket.register_transport_dbg(this, &RecordingTarget::transport_dbg);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
    seen.push_back({t.get_command(), t.get_address(), t.get_data_length(), sc_core::sc_time_stamp() + delay});
    if (t.is_read())
      for (unsigned i = 0; i < t.get_data_length(); ++i)
        t.get_data_ptr()[i] = static_cast<unsigned char>(t.get_address() + i);
    delay += to_sc_time(timing_.transfer_time(t.get_data_length()));
    t.set_response_status(tlm::TLM_OK_RESPONSE);
  }
  unsigned int transport_dbg(tlm::tlm_generic_payload& t) {
    ++dbg_calls;
    seen.push_back({t.get_command(), t.get_address(), t.get_data_length(), sc_core::SC_ZERO_TIME});
    return t.get_data_length();
  }
  PortTiming timing_;
};

class DirectInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<DirectInitiator> socket;
  explicit DirectInitiator(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {}

  // One blocking transfer; returns the response, `delay` gets the annotation.
  tlm::tlm_response_status transfer(tlm::tlm_command command, std::uint64_t address, unsigned char* data,
                                    unsigned length, sc_core::sc_time& delay) {
    tlm::tlm_generic_payload t;
    t.set_command(command);
    t.set_address(address);
    t.set_data_ptr(data);
    t.set_data_length(length);
    t.set_streaming_width(length);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    socket->b_transport(t, delay);
    last_address = t.get_address();
    return t.get_response_status();
  }
  tlm::tlm_response_status transfer(tlm::tlm_command command, std::uint64_t address, unsigned char* data,
                                    unsigned length) {
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    return transfer(command, address, data, length, delay);
  }
  std::uint64_t last_address = 0;  // the payload's address after the call returned
};

// Runs a test's function as a SystemC thread (e.g. to start PE jobs later on).
class Runner : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Runner);
  Runner(sc_core::sc_module_name name, std::function<void()> body)
      : sc_core::sc_module(name), body_(std::move(body)) {
    SC_THREAD(run);
  }

 private:
  void run() { body_(); }
  std::function<void()> body_;
};

}  // namespace cnnsched::testing
