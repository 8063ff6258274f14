#include <array>
#include <gtest/gtest.h>
#include <string>

#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/tlm_checker.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::tlm_checker_test {
namespace {

using testing::DirectInitiator;
using testing::RecordingTarget;

const PortTiming kBus{2000, 8, 1000};
const PortTiming kMemory{1000, 4, 1000};

// Violations throw, so a test can catch the report and read its message.
void throw_on_error() { sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW); }

// The checker's report for `body`, or "" when it did not report one.
template <typename F>
std::string checker_report(F body) {
  try {
    body();
  } catch (const sc_core::sc_report& r) {
    EXPECT_STREQ(r.get_msg_type(), kTlmCheckerMsgType);
    return r.get_msg();
  }
  return "";
}

// PE -> checker -> router -> scratchpad, as the accelerator wires it.
TEST(TlmChecker, CorrectPeRouterScratchpadChainPasses) {
  throw_on_error();
  Pe pe("pe", 4, 1000);
  TlmChecker checker("checker");
  Router router("router", kBus, true);
  Scratchpad pad("pad", 1024, kMemory);
  pe.socket.bind(checker.in);
  checker.out.bind(router.in);
  router.out.bind(pad.socket);
  router.map(0, 0, 1024);
  const auto a = pad.allocate(64), b = pad.allocate(32), c = pad.allocate(16);
  ASSERT_TRUE(a && b && c);
  PeJob job;
  job.task = 0;
  job.reads = {{*a, 64}, {*b, 32}};
  job.write = {*c, 16};
  job.macs = 40;
  pe.start(job);
  sc_core::sc_start();
  EXPECT_EQ(pe.jobs_done(), 1u);
  EXPECT_EQ(checker.transactions_checked(), 3u);
  EXPECT_EQ(checker.transactions_checked(), pe.transactions());
  EXPECT_EQ(checker.violations(), 0u);
  // Debug transport passes through and is checked too.
  std::array<unsigned char, 16> data{};
  tlm::tlm_generic_payload dbg;
  dbg.set_command(tlm::TLM_READ_COMMAND);
  dbg.set_address(*c);
  dbg.set_data_ptr(data.data());
  dbg.set_data_length(16);
  dbg.set_streaming_width(16);  // the scratchpad rejects narrower streaming
  EXPECT_EQ(pe.socket->transport_dbg(dbg), 16u);
  EXPECT_EQ(checker.debug_transactions_checked(), 1u);
  EXPECT_EQ(checker.violations(), 0u);
}

struct Bench {
  DirectInitiator initiator{"initiator"};
  TlmChecker checker{"checker"};
  RecordingTarget target{"target"};
  std::array<unsigned char, 8> data{};
  Bench() {
    throw_on_error();
    initiator.socket.bind(checker.in);
    checker.out.bind(target.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  // A correct write of `length` bytes (payloads cannot be copied, so fill one in place).
  void fill(tlm::tlm_generic_payload& t, unsigned length = 8) {
    t.set_command(tlm::TLM_WRITE_COMMAND);
    t.set_address(0x40);
    t.set_data_ptr(data.data());
    t.set_data_length(length);
    t.set_streaming_width(length);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  }
  std::string send(tlm::tlm_generic_payload& t) {
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    return checker_report([&] { initiator.socket->b_transport(t, delay); });
  }
};

TEST(TlmChecker, CountsCorrectTransactionsWithoutReports) {
  Bench b;
  for (int i = 0; i < 5; ++i) {
    tlm::tlm_generic_payload t;
    b.fill(t);
    EXPECT_EQ(b.send(t), "");
    EXPECT_TRUE(t.is_response_ok());
  }
  EXPECT_EQ(b.checker.transactions_checked(), 5u);
  EXPECT_EQ(b.checker.violations(), 0u);
}

TEST(TlmChecker, CatchesNullDataPointer) {
  Bench b;
  tlm::tlm_generic_payload t;
  b.fill(t);
  t.set_data_ptr(nullptr);
  const std::string msg = b.send(t);
  EXPECT_NE(msg.find("null data pointer"), std::string::npos) << msg;
  EXPECT_NE(msg.find("checker"), std::string::npos) << msg;
  EXPECT_TRUE(b.target.seen.empty());  // stopped before it reached the target
  EXPECT_EQ(b.checker.violations(), 1u);
}

TEST(TlmChecker, CatchesZeroLengthAndZeroStreamingWidth) {
  Bench b;
  tlm::tlm_generic_payload t;
  b.fill(t, 0);
  EXPECT_NE(b.send(t).find("data length 0"), std::string::npos);
  tlm::tlm_generic_payload u;
  b.fill(u);
  u.set_streaming_width(0);
  EXPECT_NE(b.send(u).find("streaming width 0"), std::string::npos);
}

TEST(TlmChecker, CatchesResponseStatusNotReset) {
  Bench b;
  tlm::tlm_generic_payload t;
  b.fill(t);
  t.set_response_status(tlm::TLM_OK_RESPONSE);
  const std::string msg = b.send(t);
  EXPECT_NE(msg.find("TLM_INCOMPLETE_RESPONSE before b_transport"), std::string::npos) << msg;
}

TEST(TlmChecker, CatchesUnrejectedInconsistentByteEnables) {
  Bench b;  // RecordingTarget ignores byte enables and answers OK
  std::array<unsigned char, 8> enables{};
  tlm::tlm_generic_payload t;
  b.fill(t);
  t.set_byte_enable_ptr(enables.data());
  t.set_byte_enable_length(0);
  EXPECT_NE(b.send(t).find("byte enable"), std::string::npos);
}

TEST(TlmChecker, ByteEnablesRejectedByTheScratchpadPass) {
  throw_on_error();
  DirectInitiator initiator("initiator");
  TlmChecker checker("checker");
  Scratchpad pad("pad", 64, kMemory);
  initiator.socket.bind(checker.in);
  checker.out.bind(pad.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  const auto at = pad.allocate(8);
  ASSERT_TRUE(at);
  std::array<unsigned char, 8> data{}, enables{};
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_WRITE_COMMAND);
  t.set_address(*at);
  t.set_data_ptr(data.data());
  t.set_data_length(8);
  t.set_streaming_width(8);
  t.set_byte_enable_ptr(enables.data());
  t.set_byte_enable_length(0);
  t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(checker_report([&] { initiator.socket->b_transport(t, delay); }), "");
  EXPECT_EQ(t.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  EXPECT_EQ(checker.violations(), 0u);
}

// A target that breaks the target's rules in the way selected.
class BadTarget : public sc_core::sc_module {
 public:
  enum Fault { kNoResponse, kDelayDecreases, kAddressChanged, kDebugOverrun };
  tlm_utils::simple_target_socket<BadTarget> socket;
  BadTarget(sc_core::sc_module_name name, Fault fault)
      : sc_core::sc_module(name), socket("socket"), fault_(fault) {
    socket.register_b_transport(this, &BadTarget::b_transport);
    socket.register_transport_dbg(this, &BadTarget::transport_dbg);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
    if (fault_ == kNoResponse) return;
    if (fault_ == kDelayDecreases) delay = sc_core::SC_ZERO_TIME;
    if (fault_ == kAddressChanged) t.set_address(t.get_address() + 4);
    t.set_response_status(tlm::TLM_OK_RESPONSE);
  }
  unsigned int transport_dbg(tlm::tlm_generic_payload& t) {
    return fault_ == kDebugOverrun ? t.get_data_length() + 1 : t.get_data_length();
  }
  Fault fault_;
};

std::string target_fault_report(BadTarget::Fault fault, bool debug = false) {
  throw_on_error();
  DirectInitiator initiator("initiator");
  TlmChecker checker("checker");
  BadTarget target("target", fault);
  initiator.socket.bind(checker.in);
  checker.out.bind(target.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  std::array<unsigned char, 4> data{};
  if (debug) {
    tlm::tlm_generic_payload t;
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_data_ptr(data.data());
    t.set_data_length(4);
    return checker_report([&] { initiator.socket->transport_dbg(t); });
  }
  sc_core::sc_time delay(5, sc_core::SC_NS);
  return checker_report([&] { initiator.transfer(tlm::TLM_READ_COMMAND, 0x10, data.data(), 4, delay); });
}

TEST(TlmChecker, CatchesTargetThatSetsNoResponse) {
  EXPECT_NE(target_fault_report(BadTarget::kNoResponse).find("without setting a response status"),
            std::string::npos);
}

TEST(TlmChecker, CatchesDecreasingDelay) {
  EXPECT_NE(target_fault_report(BadTarget::kDelayDecreases).find("delay decreased"), std::string::npos);
}

TEST(TlmChecker, CatchesAddressChangedBySuccessfulTransaction) {
  const std::string msg = target_fault_report(BadTarget::kAddressChanged);
  EXPECT_NE(msg.find("the address of a successful transaction changed"), std::string::npos) << msg;
}

TEST(TlmChecker, CatchesDebugTransportOverrun) {
  EXPECT_NE(target_fault_report(BadTarget::kDebugOverrun, true).find("more than the data length"),
            std::string::npos);
}

// Calls b_transport from an SC_METHOD, which the base protocol forbids.
class MethodInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<MethodInitiator> socket;
  SC_HAS_PROCESS(MethodInitiator);
  explicit MethodInitiator(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {
    SC_METHOD(send);
  }

 private:
  void send() {
    tlm::tlm_generic_payload t;
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_data_ptr(data_.data());
    t.set_data_length(4);
    t.set_streaming_width(4);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(t, delay);
  }
  std::array<unsigned char, 4> data_{};
};

TEST(TlmChecker, CatchesBTransportFromAMethod) {
  throw_on_error();
  MethodInitiator initiator("initiator");
  TlmChecker checker("checker");
  RecordingTarget target("target");
  initiator.socket.bind(checker.in);
  checker.out.bind(target.socket);
  const std::string msg = checker_report([] { sc_core::sc_start(); });
  EXPECT_NE(msg.find("b_transport called from SC_METHOD 'initiator.send'"), std::string::npos) << msg;
  EXPECT_EQ(checker.violations(), 1u);
}

}  // namespace
}  // namespace cnnsched::tlm_checker_test
