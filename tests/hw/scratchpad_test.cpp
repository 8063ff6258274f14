#include <array>
#include <gtest/gtest.h>
#include <stdexcept>
#include <vector>

#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::scratchpad_test {
namespace {

using testing::DirectInitiator;

const PortTiming kTiming{2000, 4, 1000};  // 2 ns latency, 4 bytes per 1 ns cycle

struct Bench {
  DirectInitiator cpu{"cpu"};
  Scratchpad spad;
  explicit Bench(Bytes capacity) : spad("spad", capacity, kTiming) {
    cpu.socket.bind(spad.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // finish elaboration
  }
};

TEST(Scratchpad, FragmentedRequestGoesAfterLastBlock) {
  Bench b(100);
  const auto a = b.spad.allocate(10);
  const auto hole = b.spad.allocate(10);
  const auto c = b.spad.allocate(10);
  ASSERT_TRUE(a && hole && c);
  b.spad.release(*hole);
  EXPECT_EQ(b.spad.allocate(15), *c + 10);  // too big for the 10-byte hole
  EXPECT_EQ(b.spad.allocate(10), *hole);    // first fit reuses it
  EXPECT_EQ(b.spad.allocator().address_high_water(), 45u);
}

TEST(Scratchpad, FragmentedRequestFailsWhenFull) {
  Bench b(30);
  b.spad.allocate(10);
  const auto hole = b.spad.allocate(10);
  b.spad.allocate(10);
  b.spad.release(*hole);
  EXPECT_FALSE(b.spad.allocate(15).has_value());
  EXPECT_EQ(b.spad.used(), 20);
}

TEST(Scratchpad, FreedNeighboursCoalesce) {
  Bench b(30);
  const auto x = b.spad.allocate(10);
  const auto y = b.spad.allocate(10);
  b.spad.allocate(10);
  b.spad.release(*x);
  b.spad.release(*y);
  EXPECT_EQ(b.spad.allocate(20), 0u);
  EXPECT_EQ(b.spad.high_water(), 30);
  EXPECT_THROW(b.spad.release(5), std::invalid_argument);
}

TEST(Scratchpad, OccupancySignalFollowsAllocations) {
  Bench b(64);
  const auto x = b.spad.allocate(16);
  b.spad.allocate(8);
  // The signal follows within delta cycles; running 1 ns lets them all happen.
  sc_core::sc_start(1, sc_core::SC_NS);
  EXPECT_EQ(b.spad.occupancy.read(), 24u);
  b.spad.release(*x);
  sc_core::sc_start(1, sc_core::SC_NS);
  EXPECT_EQ(b.spad.occupancy.read(), 8u);
}

TEST(Scratchpad, WriteThenReadReturnsDataWithTransferTime) {
  Bench b(64);
  b.spad.allocate(8);
  const auto buf = b.spad.allocate(16);
  std::array<unsigned char, 10> out{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, *buf + 3, out.data(), 10, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, to_sc_time(kTiming.transfer_time(10)));  // 2 ns + 3 cycles
  std::array<unsigned char, 10> in{};
  delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, *buf + 3, in.data(), 10, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(in, out);
  EXPECT_EQ(to_ps(delay), 5000);
  EXPECT_EQ(b.spad.stats().reads, 1u);
  EXPECT_EQ(b.spad.stats().writes, 1u);
  EXPECT_EQ(b.spad.stats().bytes_written, 10u);
}

TEST(Scratchpad, AccessOutsideOneBlockIsAddressError) {
  Bench b(64);
  const auto x = b.spad.allocate(16);  // [0,16)
  b.spad.allocate(16);                 // [16,32)
  std::vector<unsigned char> data(64);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 8, data.data(), 16, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 40, data.data(), 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, 60, data.data(), 8, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 1000, data.data(), 1, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.spad.release(*x);  // a freed buffer is no longer accessible
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 0, data.data(), 4, delay), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(delay, sc_core::SC_ZERO_TIME);  // errors take no time
  EXPECT_EQ(b.spad.stats().errors, 5u);
}

TEST(Scratchpad, RejectsUnsupportedPayloads) {
  Bench b(64);
  b.spad.allocate(32);
  std::array<unsigned char, 8> data{};
  std::array<unsigned char, 8> enables{};
  enables.fill(TLM_BYTE_ENABLED);
  tlm::tlm_generic_payload t;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  t.set_command(tlm::TLM_WRITE_COMMAND);
  t.set_address(0);
  t.set_data_ptr(data.data());
  t.set_data_length(8);
  t.set_streaming_width(8);
  t.set_byte_enable_ptr(enables.data());
  t.set_byte_enable_length(8);
  b.cpu.socket->b_transport(t, delay);
  EXPECT_EQ(t.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  t.set_byte_enable_ptr(nullptr);
  t.set_streaming_width(4);
  b.cpu.socket->b_transport(t, delay);
  EXPECT_EQ(t.get_response_status(), tlm::TLM_BURST_ERROR_RESPONSE);
  t.set_streaming_width(8);
  t.set_data_ptr(nullptr);
  b.cpu.socket->b_transport(t, delay);
  EXPECT_EQ(t.get_response_status(), tlm::TLM_GENERIC_ERROR_RESPONSE);
  t.set_data_ptr(data.data());
  t.set_data_length(0);
  b.cpu.socket->b_transport(t, delay);
  EXPECT_EQ(t.get_response_status(), tlm::TLM_GENERIC_ERROR_RESPONSE);
}

TEST(Scratchpad, DebugTransportReadsBackWrittenBytesWithinBounds) {
  Bench b(64);
  b.spad.allocate(4);
  const auto buf = b.spad.allocate(8);  // [4,12)
  std::array<unsigned char, 8> out{9, 8, 7, 6, 5, 4, 3, 2};
  ASSERT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, *buf, out.data(), 8), tlm::TLM_OK_RESPONSE);
  std::array<unsigned char, 8> in{};
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_address(*buf);
  t.set_data_ptr(in.data());
  t.set_data_length(8);
  t.set_streaming_width(8);
  EXPECT_EQ(b.cpu.socket->transport_dbg(t), 8u);
  EXPECT_EQ(in, out);
  t.set_address(*buf + 4);  // runs past the block
  EXPECT_EQ(b.cpu.socket->transport_dbg(t), 0u);
  EXPECT_EQ(b.spad.stats().reads, 0u);  // debug accesses are not traffic
}

TEST(Scratchpad, DeniesDirectMemoryAccessInTimingMode) {
  DirectInitiator cpu{"cpu"};
  Scratchpad spad("spad", 64, kTiming, /*store_bytes=*/false);
  cpu.socket.bind(spad.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  spad.allocate(64);
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_address(0);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(cpu.socket->get_direct_mem_ptr(t, dmi));
}

}  // namespace
}  // namespace cnnsched::scratchpad_test
