// The Accelerator as a SoC peripheral: a host on a bus with DRAM writes a
// command list, programs the registers and waits for the interrupt.
#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/command/command_list.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "hw/recording_target.hpp"
#include "hw/soc_test_support.hpp"
#include "sim/sim_test_support.hpp"

namespace cnnsched::soc_mode_test {
namespace {

using testing::small_dram;

constexpr std::uint64_t kRegs = 0x4000'0000;
constexpr std::uint64_t kList = 0x1000;

SocOptions soc_options() {
  SocOptions o;
  o.register_base = kRegs;
  return o;
}

// Host and command fetcher on one bus with DRAM and the accelerator's registers.
struct Soc {
  Soc(const Platform& platform, const CnnGraph& cnn, const PolicyPlan& plan)
      : accelerator("accelerator", platform, cnn.graph, plan, false, false, soc_options()) {
    tlm::tlm_global_quantum::instance().set(to_sc_time(platform.quantum_ps));  // as simulate() does
    host.socket.bind(bus.in);
    accelerator.fetcher->socket.bind(bus.in);
    bus.out.bind(dram.socket);
    bus.out.bind(accelerator.registers->socket);
    bus.map(0, 0, 1 << 20);
    bus.map(1, kRegs, accelerator.registers->size());
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void put(std::vector<unsigned char> bytes) { testing::put_bytes(host, kList, std::move(bytes)); }
  void set(std::uint64_t offset, std::uint32_t value) { testing::put_word(host, kRegs + offset, value); }
  std::uint32_t get(std::uint64_t offset) { return testing::get_word(host, kRegs + offset); }
  // The driver: list into DRAM, program, start, run until all activity ends
  // (a run that called sc_stop() would leave the simulation stopped).
  void run(const std::vector<unsigned char>& list) {
    put(list);
    set(reg::kCmdAddrLo, static_cast<std::uint32_t>(kList));
    set(reg::kCmdAddrHi, 0);
    set(reg::kCmdSize, static_cast<std::uint32_t>(list.size()));
    set(reg::kIrqEnable, reg::kIrqDone | reg::kIrqError);
    set(reg::kCtrl, reg::kCtrlStart);
    sc_core::sc_start();
    ASSERT_EQ(sc_core::sc_get_status(), sc_core::SC_PAUSED) << "the run stopped the simulation";
  }
  void acknowledge() {
    set(reg::kIrqStatus, reg::kIrqDone | reg::kIrqError);
    sc_core::sc_start();
    ASSERT_FALSE(accelerator.registers->irq.read());
  }

  testing::DirectInitiator host{"host"};
  Router bus{"bus", PortTiming{1000, 8, 1000}, false};
  Dram dram{"dram", small_dram(), true};
  Accelerator accelerator;
};

struct Lenet {
  Platform platform = test::lenet_platform(true);
  CnnGraph cnn = test::lenet_graph(platform);
  PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  std::vector<unsigned char> list() const {
    return encode_command_list(plan.schedule, static_cast<int>(platform.pes.size()));
  }
};

TEST(SocMode, DefaultAcceleratorHasNoRegistersAndStartsAtZero) {
  const Lenet n;
  Accelerator acc("accelerator", n.platform, n.cnn.graph, n.plan);
  EXPECT_EQ(acc.registers, nullptr);
  EXPECT_EQ(acc.fetcher, nullptr);
  sc_core::sc_start();
  EXPECT_TRUE(acc.dispatcher->finished());
}

TEST(SocMode, NothingRunsBeforeStart) {
  const Lenet n;
  Soc soc(n.platform, n.cnn, n.plan);
  sc_core::sc_start(100, sc_core::SC_US);
  EXPECT_FALSE(soc.accelerator.dispatcher->finished());
  for (unsigned i = 0; i < soc.accelerator.router->num_initiator_ports(); ++i)
    EXPECT_EQ(soc.accelerator.router->initiator_stats(i).transactions, 0u);
  EXPECT_EQ(soc.get(reg::kStatus), 0u);
  EXPECT_FALSE(soc.accelerator.registers->irq.read());
}

TEST(SocMode, GoodListRunsToDoneLikeTheStandaloneRun) {
  const Lenet n;
  const SimResult standalone =
      simulate_isolated(n.cnn, n.plan, n.platform);  // before this process elaborates
  Soc soc(n.platform, n.cnn, n.plan);
  sc_core::sc_start(5, sc_core::SC_US);  // the run's times count from its start
  soc.run(n.list());
  EXPECT_TRUE(soc.accelerator.registers->irq.read());
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusDone);
  EXPECT_EQ(soc.get(reg::kIrqStatus), reg::kIrqDone);
  EXPECT_EQ(soc.get(reg::kErrorCode), 0u);
  const PlanDispatcher& d = *soc.accelerator.dispatcher;
  ASSERT_TRUE(d.finished()) << d.error();
  EXPECT_EQ(d.makespan(), standalone.makespan);
  EXPECT_EQ(d.peak(), standalone.peak);
  ASSERT_EQ(d.runs().size(), standalone.tasks.size());
  for (std::size_t t = 0; t < d.runs().size(); ++t) {
    EXPECT_EQ(d.runs()[t].start, standalone.tasks[t].start) << "task " << t;
    EXPECT_EQ(d.runs()[t].finish, standalone.tasks[t].finish) << "task " << t;
  }
  EXPECT_GT(sc_core::sc_time_stamp(), to_sc_time(standalone.makespan));
  const std::uint64_t cycles = soc.get(reg::kMakespanLo) | std::uint64_t{soc.get(reg::kMakespanHi)} << 32;
  EXPECT_EQ(cycles, makespan_in_clock(standalone.makespan, n.platform.interconnect.cycle_ps));
  EXPECT_EQ(soc.get(reg::kTasksDone), static_cast<std::uint32_t>(n.cnn.graph.num_tasks()));
}

TEST(SocMode, MakespanCounterIsInInterconnectCyclesRoundedUp) {
  EXPECT_EQ(makespan_in_clock(0, 1000), 0u);
  EXPECT_EQ(makespan_in_clock(1, 1000), 1u);
  EXPECT_EQ(makespan_in_clock(3000, 1000), 3u);
  EXPECT_EQ(makespan_in_clock(3001, 1000), 4u);
  EXPECT_EQ(makespan_in_clock(3001, 0), 3001u);  // no clock known: picoseconds
}

TEST(SocMode, SecondStartRunsTheListAgainFromAFreshState) {
  const Lenet n;
  Soc soc(n.platform, n.cnn, n.plan);
  soc.run(n.list());
  ASSERT_TRUE(soc.accelerator.dispatcher->finished());
  const Time first = soc.accelerator.dispatcher->makespan();
  const auto events = soc.accelerator.dispatcher->memory_events().size();
  soc.acknowledge();
  soc.run(n.list());
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusDone);
  EXPECT_TRUE(soc.accelerator.registers->irq.read());
  EXPECT_EQ(soc.accelerator.dispatcher->makespan(), first);
  EXPECT_EQ(soc.accelerator.dispatcher->memory_events().size(), events);
  EXPECT_EQ(soc.accelerator.fetcher->runs(), 2u);
}

TEST(SocMode, BadListGivesErrorCodeAndInterruptAndTheSocRunsOn) {
  const Lenet n;
  Soc soc(n.platform, n.cnn, n.plan);
  std::vector<unsigned char> bad = n.list();
  bad[4] = 9;  // version
  soc.run(bad);
  EXPECT_TRUE(soc.accelerator.registers->irq.read());
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusError);
  EXPECT_EQ(soc.get(reg::kIrqStatus), reg::kIrqError);
  EXPECT_EQ(soc.get(reg::kErrorCode), static_cast<std::uint32_t>(CommandListErrorCode::kBadVersion));
  EXPECT_FALSE(soc.accelerator.dispatcher->finished());
  soc.acknowledge();

  Schedule other = n.plan.schedule;  // one task fewer than the accelerator's graph
  other.slots.pop_back();
  other.order.clear();
  soc.run(encode_command_list(other, static_cast<int>(n.platform.pes.size())));
  EXPECT_EQ(soc.get(reg::kErrorCode), static_cast<std::uint32_t>(CommandListErrorCode::kTaskCountMismatch));
  soc.acknowledge();

  soc.run(n.list());
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusDone);
  EXPECT_EQ(soc.get(reg::kErrorCode), 0u);
  EXPECT_TRUE(soc.accelerator.dispatcher->finished());
}

TEST(SocMode, StallReportsAnErrorInsteadOfStoppingTheSimulation) {
  Lenet n;
  n.plan.capacity = 1;  // no task's buffers fit: nothing can ever start
  Soc soc(n.platform, n.cnn, n.plan);
  soc.run(n.list());
  EXPECT_TRUE(soc.accelerator.registers->irq.read());
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusError);
  EXPECT_EQ(soc.get(reg::kErrorCode), kErrorRunStalled);
  EXPECT_EQ(soc.get(reg::kMakespanLo), 0u);
  EXPECT_EQ(soc.get(reg::kTasksDone), 0u);  // nothing could start
  const PlanDispatcher& d = *soc.accelerator.dispatcher;
  EXPECT_FALSE(d.finished());
  EXPECT_NE(d.error().find("stalled"), std::string::npos) << d.error();
  soc.acknowledge();
  soc.run(n.list());  // the SoC runs on: the host may start again
  EXPECT_EQ(soc.get(reg::kErrorCode), kErrorRunStalled);
  EXPECT_EQ(soc.accelerator.fetcher->runs(), 2u);
}

}  // namespace
}  // namespace cnnsched::soc_mode_test
