// AddressBridge: a window whose local address a reaches its initiator side as
// offset + a, restored before returning; the delay passes through; no DMI.
#include <cstdint>
#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <vector>

#include <cnnsched/hw/address_bridge.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/platform.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::address_bridge_test {
namespace {

using testing::DirectInitiator;
using testing::RecordingTarget;

constexpr std::uint64_t kOffset = std::uint64_t{1} << 40;
const PortTiming kTiming{2000, 4, 1000};

struct Bench {
  Bench() {
    cpu.socket.bind(bridge.socket);
    bridge.out.bind(target.socket);
  }
  DirectInitiator cpu{"cpu"};
  AddressBridge bridge{"bridge", kOffset};
  RecordingTarget target{"target", kTiming};
};

TEST(AddressBridge, AddsTheOffsetAndRestoresTheAddress) {
  Bench b;
  std::vector<unsigned char> data(8, 0);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 0x40, data.data(), 8, delay), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(b.target.seen.size(), 1u);
  EXPECT_EQ(b.target.seen[0].address, kOffset + 0x40);
  EXPECT_EQ(b.cpu.last_address, 0x40u);  // restored
  EXPECT_EQ(data[0], static_cast<unsigned char>(kOffset + 0x40));
  EXPECT_EQ(delay, to_sc_time(kTiming.transfer_time(8)));  // the target's time only
}

TEST(AddressBridge, ForwardsDebugTransportAndRefusesDmi) {
  Bench b;
  std::vector<unsigned char> data(4, 0);
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_address(0x10);
  t.set_data_ptr(data.data());
  t.set_data_length(4);
  EXPECT_EQ(b.cpu.socket->transport_dbg(t), 4u);
  EXPECT_EQ(t.get_address(), 0x10u);
  EXPECT_EQ(b.target.dbg_calls, 1u);
  EXPECT_EQ(b.target.seen.back().address, kOffset + 0x10);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(b.cpu.socket->get_direct_mem_ptr(t, dmi));
  EXPECT_TRUE(dmi.is_none_allowed());
}

}  // namespace
}  // namespace cnnsched::address_bridge_test
