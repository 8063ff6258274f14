#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/sched/graph/task_work.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::pe_test {
namespace {

using testing::RecordingTarget;
using testing::Runner;

const PortTiming kTarget{500, 4, 1000};  // 0.5 ns + 1 ns per 4 bytes

sc_core::sc_time at(Time ps) { return to_sc_time(ps); }

TEST(Pe, ReadsInOrderThenComputesThenWrites) {
  Pe pe("pe", 8, 1000);
  RecordingTarget mem("mem", kTarget);
  pe.socket.bind(mem.socket);
  PeJob job;
  job.task = 7;
  job.reads = {{0x100, 16}, {0x200, 8}};
  job.macs = 100;  // ceil(100 / 8) = 13 cycles
  job.write = {0x300, 32};
  sc_core::sc_time started, finished;
  int calls = 0;
  pe.on_done = [&](const PeJob& j, sc_core::sc_time s, sc_core::sc_time f) {
    EXPECT_EQ(j.task, 7);
    EXPECT_FALSE(j.reads.empty());
    started = s;
    finished = f;
    ++calls;
  };
  Runner driver("driver", [&] {
    sc_core::wait(at(5000));
    pe.start(job);
    sc_core::wait(pe.done);
    EXPECT_EQ(sc_core::sc_time_stamp(), finished);
  });
  sc_core::sc_start();

  const Time t0 = 5000;
  const Time t1 = t0 + kTarget.transfer_time(16);
  const Time t2 = t1 + kTarget.transfer_time(8);
  const Time t3 = t2 + 13 * 1000;
  ASSERT_EQ(mem.seen.size(), 3u);
  EXPECT_EQ(mem.seen[0].command, tlm::TLM_READ_COMMAND);
  EXPECT_EQ(mem.seen[0].address, 0x100u);
  EXPECT_EQ(mem.seen[0].length, 16u);
  EXPECT_EQ(mem.seen[0].arrival, at(t0));
  EXPECT_EQ(mem.seen[1].command, tlm::TLM_READ_COMMAND);
  EXPECT_EQ(mem.seen[1].address, 0x200u);
  EXPECT_EQ(mem.seen[1].length, 8u);
  EXPECT_EQ(mem.seen[1].arrival, at(t1));
  EXPECT_EQ(mem.seen[2].command, tlm::TLM_WRITE_COMMAND);
  EXPECT_EQ(mem.seen[2].address, 0x300u);
  EXPECT_EQ(mem.seen[2].length, 32u);
  EXPECT_EQ(mem.seen[2].arrival, at(t3));  // after the compute
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(started, at(t0));
  EXPECT_EQ(finished, at(t3 + kTarget.transfer_time(32)));
  EXPECT_EQ(pe.last_finish(), finished);
  EXPECT_EQ(pe.jobs_done(), 1u);
  EXPECT_EQ(pe.transactions(), 3u);
  EXPECT_FALSE(pe.busy.read());
  EXPECT_EQ(pe.current_task.read(), -1);
  // The read data arrived, back to back (the target returns address bytes).
  ASSERT_EQ(pe.read_data().size(), 24u);
  EXPECT_EQ(pe.read_data()[1], 0x01);
  EXPECT_EQ(pe.read_data()[16], 0x00);
  EXPECT_EQ(pe.read_data()[17], 0x01);
}

// PE -> Router -> Scratchpad without contention: a job lasts TaskWork::cost.
TEST(Pe, JobDurationEqualsCostModelWithoutContention) {
  Platform platform;
  platform.pes = {PeSpec{"pe", 4, 1250}};
  platform.interconnect = {2000, 16, 1000};
  platform.scratchpad = {1500, 8, 500};
  platform.scratchpad_bytes = 4096;
  platform.contention = false;

  Pe pe("pe", platform.pes[0].macs_per_cycle, platform.pes[0].cycle_ps);
  Router router("router", platform.interconnect, platform.contention);
  Scratchpad spad("spad", platform.scratchpad_bytes, platform.scratchpad);
  pe.socket.bind(router.in);
  router.out.bind(spad.socket);
  const std::uint64_t base = 0x8000'0000;
  router.map(0, base, platform.scratchpad_bytes);

  const auto in = spad.allocate(100);
  const auto weights = spad.allocate(300);
  const auto out = spad.allocate(50);
  TaskWork work;
  work.add_task(1001, {{0, 10, 90}, {1, 0, 300}}, {2, 0, 50});
  PeJob job;
  job.task = 0;
  job.reads = {{base + *in + 10, 90}, {base + *weights, 300}};
  job.write = {base + *out, 50};
  job.macs = work.macs(0);
  pe.start(job);  // before simulation: runs from time 0
  sc_core::sc_start();

  EXPECT_EQ(pe.jobs_done(), 1u);
  EXPECT_EQ(to_ps(pe.last_finish() - pe.last_start()), work.cost(0, platform.pes[0], platform));
  EXPECT_EQ(spad.stats().reads, 2u + 5u);  // 90 and 300 bytes in bursts of at most 64
  EXPECT_EQ(spad.stats().bytes_written, 50u);
}

TEST(Pe, OnDoneMayStartTheNextJob) {
  Pe pe("pe", 1, 1000);
  RecordingTarget mem("mem", kTarget);
  pe.socket.bind(mem.socket);
  std::vector<PeJob> jobs(3);
  for (int i = 0; i < 3; ++i) {
    jobs[i].task = i;
    jobs[i].reads = {{static_cast<std::uint64_t>(i) * 64, 4}};
    jobs[i].macs = 2;  // no write: skipped
  }
  std::vector<std::pair<sc_core::sc_time, sc_core::sc_time>> spans;
  pe.on_done = [&](const PeJob& j, sc_core::sc_time s, sc_core::sc_time f) {
    spans.emplace_back(s, f);
    if (j.task + 1 < 3) pe.start(jobs[j.task + 1]);
  };
  pe.start(jobs[0]);
  sc_core::sc_start();
  ASSERT_EQ(spans.size(), 3u);
  const Time each = kTarget.transfer_time(4) + 2000;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(spans[i].first, at(static_cast<Time>(i) * each));
    EXPECT_EQ(spans[i].second, at(static_cast<Time>(i + 1) * each));
  }
  EXPECT_EQ(mem.seen.size(), 3u);  // reads only
  EXPECT_EQ(mem.seen[2].address, 128u);
}

TEST(Pe, StartWhileBusyIsAnError) {
  Pe pe("pe", 1, 1000);
  RecordingTarget mem("mem");
  pe.socket.bind(mem.socket);
  PeJob job;
  job.task = 1;
  pe.start(job);
  EXPECT_FALSE(pe.idle());
  EXPECT_THROW(pe.start(job), sc_core::sc_report);
}

TEST(Pe, BusySignalCoversTheJob) {
  Pe pe("pe", 1, 1000);
  RecordingTarget mem("mem", kTarget);
  pe.socket.bind(mem.socket);
  PeJob job;
  job.task = 4;
  job.macs = 10;
  job.write = {0, 4};
  std::vector<std::pair<bool, int>> samples;
  Runner probe("probe", [&] {
    sc_core::wait(at(3000));
    pe.start(job);
    sc_core::wait(at(1000));
    samples.emplace_back(pe.busy.read(), pe.current_task.read());
    sc_core::wait(pe.done);
    sc_core::wait(sc_core::SC_ZERO_TIME);
    samples.emplace_back(pe.busy.read(), pe.current_task.read());
  });
  sc_core::sc_start();
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[0], std::make_pair(true, 4));
  EXPECT_EQ(samples[1], std::make_pair(false, -1));
}

TEST(Pe, ErrorResponseReportsPeTaskAndAddress) {
  Pe pe("pe3", 1, 1000);
  Scratchpad spad("spad", 256, PortTiming{});
  pe.socket.bind(spad.socket);
  PeJob job;
  job.task = 42;
  job.reads = {{0x40, 8}};  // nothing allocated there
  pe.start(job);
  try {
    sc_core::sc_start();
    FAIL() << "no error reported";
  } catch (const sc_core::sc_report& report) {
    const std::string message = report.what();
    EXPECT_NE(message.find("pe3"), std::string::npos) << message;
    EXPECT_NE(message.find("task 42"), std::string::npos) << message;
    EXPECT_NE(message.find("address 64"), std::string::npos) << message;
  }
}

// Two PEs reading the same scratchpad at the same instant through a
// contended router: one of them waits for the other's occupancy.
TEST(Pe, ContentionDelaysTheSecondPe) {
  const PortTiming bus{1000, 8, 1000};
  const PortTiming sp{500, 8, 1000};
  Pe a("a", 1, 1000, 128);  // one burst each: the second waits for the whole first
  Pe b("b", 1, 1000, 128);
  Router router("router", bus, true);
  Scratchpad spad("spad", 1024, sp);
  a.socket.bind(router.in);
  b.socket.bind(router.in);
  router.out.bind(spad.socket);
  router.map(0, 0, 1024);
  const auto buf = spad.allocate(256);
  PeJob job;
  job.reads = {{*buf, 128}};
  job.task = 0;
  a.start(job);
  job.task = 1;
  b.start(job);
  sc_core::sc_start();
  const Time alone = bus.transfer_time(128) + sp.transfer_time(128);
  const Time first = to_ps(std::min(a.last_finish(), b.last_finish()));
  const Time second = to_ps(std::max(a.last_finish(), b.last_finish()));
  EXPECT_EQ(first, alone);
  EXPECT_EQ(second, alone + bus.occupancy(128));
  EXPECT_EQ(to_ps(router.target_stats(0).contention_wait), bus.occupancy(128));
}

}  // namespace
}  // namespace cnnsched::pe_test
