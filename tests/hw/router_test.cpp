#include <array>
#include <gtest/gtest.h>
#include <memory>
#include <stdexcept>

#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::router_test {
namespace {

using testing::DirectInitiator;
using testing::RecordingTarget;

const PortTiming kBus{3000, 8, 1000};        // 3 ns latency, 8 bytes per 1 ns cycle
const PortTiming kMemory{0, 1000000, 1000};  // target: one cycle for any test transfer

// Two initiators and two targets: port 0 at [0x1000, 0x1100), port 1 at [0x2000, 0x2100).
struct Bench {
  DirectInitiator a{"a"};
  DirectInitiator b{"b"};
  Router router;
  RecordingTarget t0{"t0", kMemory};
  RecordingTarget t1{"t1", kMemory};
  explicit Bench(bool contention) : router("router", kBus, contention) {
    a.socket.bind(router.in);
    b.socket.bind(router.in);
    router.out.bind(t0.socket);
    router.out.bind(t1.socket);
    router.map(0, 0x1000, 0x100);
    router.map(1, 0x2000, 0x100);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  std::array<unsigned char, 64> data{};
};

TEST(Router, DecodesToTargetWithLocalAddressAndRestoresIt) {
  Bench b(false);
  EXPECT_EQ(b.a.transfer(tlm::TLM_WRITE_COMMAND, 0x2010, b.data.data(), 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.a.last_address, 0x2010u);
  ASSERT_EQ(b.t1.seen.size(), 1u);
  EXPECT_TRUE(b.t0.seen.empty());
  EXPECT_EQ(b.t1.seen[0].address, 0x10u);
  EXPECT_EQ(b.t1.seen[0].command, tlm::TLM_WRITE_COMMAND);
  EXPECT_EQ(b.a.transfer(tlm::TLM_READ_COMMAND, 0x10f0, b.data.data(), 16), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(b.t0.seen.size(), 1u);
  EXPECT_EQ(b.t0.seen[0].address, 0xf0u);
  EXPECT_EQ(b.data[0], 0xf0);  // the target's data came back
}

TEST(Router, UnmappedOrStraddlingAddressIsAddressError) {
  Bench b(true);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.a.transfer(tlm::TLM_READ_COMMAND, 0x0, b.data.data(), 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.a.transfer(tlm::TLM_READ_COMMAND, 0x1100, b.data.data(), 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.a.transfer(tlm::TLM_READ_COMMAND, 0x10fc, b.data.data(), 8, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_TRUE(b.t0.seen.empty());
  EXPECT_TRUE(b.t1.seen.empty());
  EXPECT_EQ(delay, sc_core::SC_ZERO_TIME);
  EXPECT_EQ(b.router.decode_errors(), 3u);
  EXPECT_EQ(b.router.target_stats(0).transactions, 0u);
}

TEST(Router, RejectsOverlappingMaps) {
  Router router("router", kBus, true);
  router.map(0, 100, 50);
  EXPECT_THROW(router.map(1, 120, 10), std::invalid_argument);  // inside
  EXPECT_THROW(router.map(1, 90, 11), std::invalid_argument);   // ends inside
  EXPECT_THROW(router.map(1, 149, 5), std::invalid_argument);   // starts inside
  EXPECT_THROW(router.map(1, 50, 200), std::invalid_argument);  // covers it
  EXPECT_THROW(router.map(1, 0, 0), std::invalid_argument);
  EXPECT_THROW(router.map(1, ~std::uint64_t{0}, 2), std::invalid_argument);
  EXPECT_NO_THROW(router.map(1, 150, 10));  // adjacent
  EXPECT_NO_THROW(router.map(1, 90, 10));
}

TEST(Router, WithoutContentionAddsLatencyPlusOccupancyExactly) {
  Bench b(false);
  sc_core::sc_time d1 = sc_core::SC_ZERO_TIME;
  sc_core::sc_time d2 = sc_core::SC_ZERO_TIME;
  // Two simultaneous transfers to one target: neither waits.
  b.a.transfer(tlm::TLM_READ_COMMAND, 0x1000, b.data.data(), 20, d1);
  b.b.transfer(tlm::TLM_READ_COMMAND, 0x1040, b.data.data(), 20, d2);
  const Time expected = kBus.latency_ps + kBus.occupancy(20) + kMemory.transfer_time(20);
  EXPECT_EQ(to_ps(d1), expected);  // 3 ns + 3 cycles + 1 cycle
  EXPECT_EQ(to_ps(d2), expected);
  EXPECT_EQ(b.router.target_stats(0).contention_wait, sc_core::SC_ZERO_TIME);
}

TEST(Router, WithContentionSerialisesTransfersToOneTarget) {
  Bench b(true);
  sc_core::sc_time d1 = sc_core::SC_ZERO_TIME;
  sc_core::sc_time d2 = sc_core::SC_ZERO_TIME;
  b.a.transfer(tlm::TLM_READ_COMMAND, 0x1000, b.data.data(), 64, d1);
  b.b.transfer(tlm::TLM_READ_COMMAND, 0x1040, b.data.data(), 16, d2);
  const Time first = kBus.transfer_time(64) + kMemory.transfer_time(64);
  EXPECT_EQ(to_ps(d1), first);
  // The second starts when the first leaves the port: waits occupancy(64).
  EXPECT_EQ(to_ps(d2), kBus.occupancy(64) + kBus.transfer_time(16) + kMemory.transfer_time(16));
  // It reaches the target after the wait, its own occupancy and the latency.
  EXPECT_EQ(to_ps(b.t0.seen[1].arrival), kBus.occupancy(64) + kBus.transfer_time(16));
  EXPECT_EQ(to_ps(b.router.target_stats(0).contention_wait), kBus.occupancy(64));
  EXPECT_EQ(to_ps(b.router.initiator_stats(1).contention_wait), kBus.occupancy(64));
  EXPECT_EQ(b.router.initiator_stats(0).contention_wait, sc_core::SC_ZERO_TIME);
  EXPECT_EQ(to_ps(b.router.target_stats(0).busy), kBus.occupancy(64) + kBus.occupancy(16));
  EXPECT_EQ(b.router.target_stats(0).bytes, 80u);
  EXPECT_EQ(b.router.target_stats(0).transactions, 2u);
}

TEST(Router, WithContentionDifferentTargetsDoNotWait) {
  Bench b(true);
  sc_core::sc_time d1 = sc_core::SC_ZERO_TIME;
  sc_core::sc_time d2 = sc_core::SC_ZERO_TIME;
  b.a.transfer(tlm::TLM_READ_COMMAND, 0x1000, b.data.data(), 64, d1);
  b.b.transfer(tlm::TLM_READ_COMMAND, 0x2000, b.data.data(), 64, d2);
  EXPECT_EQ(d1, d2);
  EXPECT_EQ(to_ps(d2), kBus.transfer_time(64) + kMemory.transfer_time(64));
}

TEST(Router, WithContentionLaterArrivalAfterBusyPeriodDoesNotWait) {
  Bench b(true);
  sc_core::sc_time d1 = sc_core::SC_ZERO_TIME;
  b.a.transfer(tlm::TLM_READ_COMMAND, 0x1000, b.data.data(), 64, d1);  // port busy for 8 ns
  sc_core::sc_time d2 = to_sc_time(kBus.occupancy(64));                // arrives as it frees
  b.b.transfer(tlm::TLM_READ_COMMAND, 0x1000, b.data.data(), 8, d2);
  EXPECT_EQ(to_ps(d2), kBus.occupancy(64) + kBus.transfer_time(8) + kMemory.transfer_time(8));
  sc_core::sc_time d3 = to_sc_time(kBus.occupancy(64));  // arrives while the second occupies it
  b.a.transfer(tlm::TLM_READ_COMMAND, 0x1000, b.data.data(), 8, d3);
  EXPECT_EQ(to_ps(d3),
            kBus.occupancy(64) + kBus.occupancy(8) + kBus.transfer_time(8) + kMemory.transfer_time(8));
}

TEST(Router, BytesMovedSignalCountsSuccessfulTransfers) {
  Bench b(false);
  b.a.transfer(tlm::TLM_WRITE_COMMAND, 0x1000, b.data.data(), 10);
  b.b.transfer(tlm::TLM_READ_COMMAND, 0x2000, b.data.data(), 6);
  b.b.transfer(tlm::TLM_READ_COMMAND, 0x3000, b.data.data(), 6);  // unmapped
  sc_core::sc_start(1, sc_core::SC_NS);
  EXPECT_EQ(b.router.bytes_moved.read(), 16u);
  EXPECT_EQ(b.router.initiator_stats(0).bytes, 10u);
  EXPECT_EQ(b.router.initiator_stats(1).bytes, 6u);
}

TEST(Router, ForwardsDebugTransportWithDecode) {
  Bench b(true);
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_address(0x2020);
  t.set_data_ptr(b.data.data());
  t.set_data_length(8);
  t.set_streaming_width(8);
  EXPECT_EQ(b.a.socket->transport_dbg(t), 8u);
  ASSERT_EQ(b.t1.dbg_calls, 1u);
  EXPECT_EQ(b.t1.seen[0].address, 0x20u);
  EXPECT_EQ(t.get_address(), 0x2020u);
  t.set_address(0x5000);
  EXPECT_EQ(b.a.socket->transport_dbg(t), 0u);
  EXPECT_EQ(b.router.target_stats(1).transactions, 0u);  // debug is not traffic
}

}  // namespace
}  // namespace cnnsched::router_test
