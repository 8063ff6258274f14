#include <array>
#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/hw/bursts.hpp>
#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/traffic_generator.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::bursts_test {
namespace {

using testing::DirectInitiator;
using testing::RecordingTarget;

TEST(Bursts, SplitIntoMaxSizedBurstsThenTheRest) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> seen;
  for_each_burst(150, 64, [&](std::uint64_t o, std::uint32_t n) { seen.emplace_back(o, n); });
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, std::uint32_t>>{{0, 64}, {64, 64}, {128, 22}}));
  seen.clear();
  for_each_burst(0, 64, [&](std::uint64_t o, std::uint32_t n) { seen.emplace_back(o, n); });
  EXPECT_TRUE(seen.empty());
}

TEST(Bursts, PeIssuesBurstsAndItsJobTakesThePlatformsAccessTime) {
  Platform platform;
  platform.interconnect = {2000, 8, 1000};
  platform.scratchpad = {1000, 8, 1000};
  platform.max_burst_bytes = 64;
  Pe pe("pe", 4, 1000, 64);
  Router router("router", platform.interconnect, false);
  Scratchpad pad("pad", 1024, platform.scratchpad, false);
  pe.socket.bind(router.in);
  router.out.bind(pad.socket);
  router.map(0, 0, 1024);
  const std::uint64_t in = *pad.allocate(300);
  const std::uint64_t out = *pad.allocate(100);
  pe.start({0, {{in, 300}}, {out, 100}, 40});
  sc_core::sc_start();
  EXPECT_EQ(pe.transactions(), 5u + 2u);  // 64 x 4 + 44, then 64 + 36
  EXPECT_EQ(to_ps(pe.last_finish() - pe.last_start()),
            platform.access_time(300) + pe.compute_time(40) + platform.access_time(100));
  EXPECT_EQ(router.target_stats(0).transactions, 7u);
}

TEST(Bursts, TimingModeScratchpadMovesNoBytes) {
  DirectInitiator cpu("cpu");
  Scratchpad pad("pad", 256, PortTiming{}, false);
  cpu.socket.bind(pad.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  ASSERT_EQ(*pad.allocate(64), 0u);
  EXPECT_EQ(pad.data(), nullptr);
  std::array<unsigned char, 64> data;
  data.fill(5);
  EXPECT_EQ(cpu.transfer(tlm::TLM_WRITE_COMMAND, 0, data.data(), 64), tlm::TLM_OK_RESPONSE);
  data.fill(9);
  EXPECT_EQ(cpu.transfer(tlm::TLM_READ_COMMAND, 0, data.data(), 64), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(data[0], 9);  // untouched: nothing stored, nothing copied
  EXPECT_EQ(cpu.transfer(tlm::TLM_READ_COMMAND, 64, data.data(), 8), tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST(Bursts, TrafficGeneratorAndPeInterleaveOnOnePort) {
  Pe pe("pe", 1000000, 1000, 64);
  TrafficConfig tc;
  tc.base = 0x1000;
  tc.range = 0x1000;
  tc.bytes = 512;
  tc.count = 1;
  tc.period_ps = 1;
  TrafficGenerator tg("tg", tc);
  Router router("router", PortTiming{1000, 8, 1000}, true);
  RecordingTarget t("t", PortTiming{0, 1000000, 1000});
  pe.socket.bind(router.in);
  tg.socket.bind(router.in);
  router.out.bind(t.socket);
  router.map(0, 0, 0x2000);
  pe.start({0, {{0, 512}}, {}, 1});
  sc_core::sc_start();
  ASSERT_EQ(t.seen.size(), 16u);
  EXPECT_EQ(tg.bursts(), 8u);
  // Both start at 0 and ask the port per 64-byte burst: their bursts alternate.
  for (std::size_t i = 0; i < t.seen.size(); ++i)
    EXPECT_EQ(t.seen[i].address >= 0x1000, i % 2 == 1) << "burst " << i;
}

}  // namespace
}  // namespace cnnsched::bursts_test
