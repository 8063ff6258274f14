#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/hw/dma.hpp>
#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/tlm_payload.hpp>
#include <cnnsched/sched/offchip/dma_timing.hpp>

#include "hw/dma_dram_bench.hpp"
#include "hw/recording_target.hpp"

namespace cnnsched::dma_test {
namespace {

using testing::DirectInitiator;
using testing::RecordingTarget;

const PortTiming kBus{3000, 8, 1000};        // 3 ns latency, 8 bytes per 1 ns cycle
const PortTiming kMemory{0, 1000000, 1000};  // target: one cycle for any burst

struct Done {
  int channel;
  DmaDescriptor d;
  Time start;
  Time finish;
};

void record(Dma& dma, std::vector<Done>& log) {
  dma.on_done = [&log](int c, const DmaDescriptor& d, sc_core::sc_time s, sc_core::sc_time f) {
    log.push_back({c, d, to_ps(s), to_ps(f)});
  };
}

TEST(Dma, DescriptorsMoveTheRightBytesBetweenDramAndScratchpad) {
  constexpr std::uint64_t kDramBase = 0x10000000;
  DramSpec spec = dram_preset("ddr4-3200");
  Dma dma("dma", 1, 64);
  DirectInitiator host("host");
  Router router("router", kBus, true);
  Dram dram("dram", spec, true);
  Scratchpad pad("pad", 1024, kBus);
  dma.socket.bind(router.in);
  host.socket.bind(router.in);
  router.out.bind(pad.socket);
  router.out.bind(dram.socket);
  router.map(0, 0, 1024);
  router.map(1, kDramBase, static_cast<std::uint64_t>(spec.bytes));
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // binds the router's sockets
  ASSERT_EQ(*pad.allocate(200), 0u);
  ASSERT_EQ(*pad.allocate(200), 200u);

  std::vector<unsigned char> source(200);
  for (std::size_t i = 0; i < source.size(); ++i) source[i] = static_cast<unsigned char>(i * 7 + 3);
  tlm::tlm_generic_payload p;
  prepare_payload(p, tlm::TLM_WRITE_COMMAND, kDramBase + 100, source.data(), 200);
  ASSERT_EQ(host.socket->transport_dbg(p), 200u);

  std::vector<Done> log;
  record(dma, log);
  dma.submit(0, {kDramBase + 100, 0, 200, 1});     // load
  dma.submit(0, {0, kDramBase + 5000, 200, 2});    // store it back elsewhere
  dma.submit(0, {kDramBase + 5000, 200, 200, 3});  // and reload it
  sc_core::sc_start();

  ASSERT_EQ(log.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(log[static_cast<std::size_t>(i)].d.tag, i + 1);
  EXPECT_LE(log[0].finish, log[1].start);  // one channel: in order
  EXPECT_TRUE(dma.idle(0));
  for (std::size_t i = 0; i < 200; ++i) {
    ASSERT_EQ(pad.data()[i], source[i]) << i;
    ASSERT_EQ(pad.data()[200 + i], source[i]) << i;
  }
  const Dma::Stats s = dma.total_stats();
  EXPECT_EQ(s.descriptors, 3u);
  EXPECT_EQ(s.bytes, 600u);
  EXPECT_EQ(s.bursts, 3u * 8);  // 64 + 64 + 64 + 8, each read and written
  EXPECT_EQ(dram.stats().bytes_read, 400u);
  EXPECT_EQ(dram.stats().bytes_written, 200u);
  EXPECT_EQ(static_cast<Time>(s.busy_ps), log[2].finish - log[0].start);
}

// With contention off every transfer takes the plan's time (dma_transfer_time),
// whatever rows earlier transfers left open.
TEST(Dma, UncontendedTransfersTakeThePlannedTime) {
  test::DmaDramBench bench(false);
  std::vector<Done> log;
  record(bench.dma, log);
  bench.run_three_transfers();
  const Platform& platform = bench.platform;
  const Dram& dram = bench.dram;
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].finish - log[0].start, dma_transfer_time(platform, 100, 1000));
  EXPECT_EQ(log[1].finish - log[1].start, dma_transfer_time(platform, 100, 1000));
  EXPECT_EQ(log[2].finish - log[2].start, dma_transfer_time(platform, 64, 200));
  EXPECT_GT(dram.stats().row_hits, 0u);  // the open rows were seen, just not timed
}

TEST(Dma, BurstsAreSequentialReadThenWriteWithHandComputedTime) {
  Dma dma("dma", 1, 64);
  Router router("router", kBus, false);
  RecordingTarget src("src", kMemory);
  RecordingTarget dst("dst", kMemory);
  dma.socket.bind(router.in);
  router.out.bind(src.socket);
  router.out.bind(dst.socket);
  router.map(0, 0x1000, 0x1000);
  router.map(1, 0x8000, 0x1000);
  std::vector<Done> log;
  record(dma, log);
  dma.submit(0, {0x1000, 0x8000, 200, 7});
  sc_core::sc_start();
  ASSERT_EQ(log.size(), 1u);
  // Per burst of n bytes: router latency 3000 + ceil(n / 8) x 1000 + target 1000.
  const Time full = 3000 + 8000 + 1000;
  const Time tail = 3000 + 1000 + 1000;
  EXPECT_EQ(log[0].finish - log[0].start, 2 * (3 * full + tail));
  ASSERT_EQ(src.seen.size(), 4u);
  ASSERT_EQ(dst.seen.size(), 4u);
  const unsigned lengths[] = {64, 64, 64, 8};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(src.seen[i].length, lengths[i]);
    EXPECT_EQ(src.seen[i].address, 64 * i);
    EXPECT_EQ(dst.seen[i].address, 64 * i);
    EXPECT_LT(src.seen[i].arrival, dst.seen[i].arrival);  // each burst read before it is written
  }
}

TEST(Dma, TwoInitiatorsInterleaveTheirBurstsOnOneTargetPort) {
  Dma a("a", 1, 64);
  Dma b("b", 1, 64);
  Router router("router", kBus, true);
  RecordingTarget src("src", kMemory);
  RecordingTarget dst("dst", kMemory);
  a.socket.bind(router.in);
  b.socket.bind(router.in);
  router.out.bind(src.socket);
  router.out.bind(dst.socket);
  router.map(0, 0x1000, 0x1000);
  router.map(1, 0x8000, 0x1000);
  a.submit(0, {0x1000, 0x8000, 512, 0});  // bursts from [0, 512) of src
  b.submit(0, {0x1800, 0x8800, 512, 1});  // bursts from [2048, 2560)
  sc_core::sc_start();
  ASSERT_EQ(src.seen.size(), 16u);
  // Per-burst arbitration: neither holds the port for its whole transfer.
  for (std::size_t i = 0; i < src.seen.size(); ++i)
    EXPECT_EQ(src.seen[i].address >= 2048, i % 2 == 1) << "burst " << i << " at " << src.seen[i].address;
  EXPECT_GT(router.target_stats(0).contention_wait, sc_core::SC_ZERO_TIME);
}

}  // namespace
}  // namespace cnnsched::dma_test
