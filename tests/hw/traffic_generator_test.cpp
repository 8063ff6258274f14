#include <gtest/gtest.h>
#include <stdexcept>

#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/traffic_generator.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::traffic_generator_test {
namespace {

using testing::RecordingTarget;

TEST(TrafficGenerator, IssuesPeriodicTransfersWrappingTheRange) {
  TrafficConfig config;
  config.base = 0x100;
  config.range = 96;  // three 32-byte slots
  config.bytes = 32;
  config.period_ps = 10000;
  config.start_ps = 2000;
  config.count = 4;
  config.write = true;
  TrafficGenerator gen("gen", config);
  RecordingTarget mem("mem", PortTiming{0, 32, 1000});  // 1 ns per transfer
  gen.socket.bind(mem.socket);
  sc_core::sc_start();
  ASSERT_EQ(mem.seen.size(), 4u);
  const std::uint64_t expected[] = {0x100, 0x120, 0x140, 0x100};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(mem.seen[i].command, tlm::TLM_WRITE_COMMAND);
    EXPECT_EQ(mem.seen[i].address, expected[i]);
    EXPECT_EQ(mem.seen[i].length, 32u);
    EXPECT_EQ(to_ps(mem.seen[i].arrival), 2000 + 10000 * static_cast<Time>(i));
  }
  EXPECT_EQ(gen.issued(), 4u);
  EXPECT_EQ(gen.errors(), 0u);
  EXPECT_EQ(to_ps(gen.total_latency()), 4000);
  EXPECT_EQ(to_ps(gen.finish_time()), 42000);  // the last period runs out too
}

TEST(TrafficGenerator, SlowTargetStretchesThePeriod) {
  TrafficConfig config;
  config.range = 64;
  config.bytes = 64;
  config.period_ps = 1000;
  config.count = 3;
  TrafficGenerator gen("gen", config);
  RecordingTarget mem("mem", PortTiming{5000, 64, 1000});  // 6 ns per transfer > period
  gen.socket.bind(mem.socket);
  sc_core::sc_start();
  ASSERT_EQ(mem.seen.size(), 3u);
  EXPECT_EQ(to_ps(mem.seen[1].arrival), 6000);
  EXPECT_EQ(to_ps(mem.seen[2].arrival), 12000);
}

TEST(TrafficGenerator, CountsErrorResponses) {
  TrafficConfig config;
  config.range = 128;
  config.bytes = 64;
  config.count = 5;
  TrafficGenerator gen("gen", config);
  Scratchpad spad("spad", 256, PortTiming{});
  gen.socket.bind(spad.socket);
  spad.allocate(64);  // only the first slot is a buffer
  sc_core::sc_start();
  EXPECT_EQ(gen.issued(), 5u);
  EXPECT_EQ(gen.errors(), 2u);  // slot 1 at transfers 2 and 4
}

TEST(TrafficGenerator, RejectsBadConfig) {
  TrafficConfig config;
  config.bytes = 0;
  EXPECT_THROW(TrafficGenerator("zero", config), std::invalid_argument);
  config.bytes = 64;
  config.range = 32;
  EXPECT_THROW(TrafficGenerator("small", config), std::invalid_argument);
}

}  // namespace
}  // namespace cnnsched::traffic_generator_test
