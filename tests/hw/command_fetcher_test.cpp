#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/hw/command_fetcher.hpp>
#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>

#include "hw/recording_target.hpp"
#include "hw/soc_test_support.hpp"

namespace cnnsched::command_fetcher_test {
namespace {

using testing::small_dram;

using testing::DirectInitiator;

constexpr std::uint64_t kRegs = 0x40000000;
constexpr std::uint64_t kList = 0x2000;  // offset of the list in DRAM

Schedule plan() {
  Schedule s;
  s.slots = {{0, 0, 10}, {1, 0, 20}, {0, 10, 30}};
  s.order = {0, 1, 2};
  return s;
}

// A host and the fetcher on one bus with DRAM and the registers; the run
// function records what it was given and answers run_code.
struct Soc {
  DirectInitiator host{"host"};
  Router bus{"bus", PortTiming{1000, 8, 1000}, false};
  Dram dram{"dram", small_dram(), true};
  AcceleratorRegisters regs{"regs", kRegs};
  std::vector<CommandList> ran;
  std::uint32_t run_code = 0;
  CommandFetcher fetcher{"fetcher", regs, CommandListExpect{3, 2}, 32, 4096, [this](const CommandList& l) {
                           ran.push_back(l);
                           sc_core::wait(100, sc_core::SC_NS);  // the run takes time
                           return run_code;
                         }};
  Soc() {
    host.socket.bind(bus.in);
    fetcher.socket.bind(bus.in);
    bus.out.bind(dram.socket);
    bus.out.bind(regs.socket);
    bus.map(0, 0, 1 << 20);
    bus.map(1, regs.base(), regs.size());
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  void put(std::uint64_t address, std::vector<unsigned char> bytes) {
    testing::put_bytes(host, address, std::move(bytes));
  }
  void set(std::uint64_t offset, std::uint32_t value) { testing::put_word(host, kRegs + offset, value); }
  std::uint32_t get(std::uint64_t offset) { return testing::get_word(host, kRegs + offset); }
  // The driver sequence: list into DRAM, program, start, wait for the interrupt.
  bool run(const std::vector<unsigned char>& list, std::uint64_t address = kList) {
    put(address, list);
    set(reg::kCmdAddrLo, static_cast<std::uint32_t>(address));
    set(reg::kCmdAddrHi, static_cast<std::uint32_t>(address >> 32));
    set(reg::kCmdSize, static_cast<std::uint32_t>(list.size()));
    set(reg::kIrqEnable, reg::kIrqDone | reg::kIrqError);
    set(reg::kCtrl, reg::kCtrlStart);
    for (int step = 0; step < 100 && !regs.irq.read(); ++step) sc_core::sc_start(1, sc_core::SC_US);
    return regs.irq.read();
  }
  void acknowledge() {
    set(reg::kIrqStatus, reg::kIrqDone | reg::kIrqError);
    sc_core::sc_start(1, sc_core::SC_US);  // the line falls at the write's annotated time
    ASSERT_FALSE(regs.irq.read());
  }
};

TEST(CommandFetcher, RunsTheListFromDramAndInterruptsWhenDone) {
  Soc soc;
  ASSERT_TRUE(soc.run(encode_command_list(plan(), 2)));
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusDone);
  EXPECT_EQ(soc.get(reg::kIrqStatus), reg::kIrqDone);
  EXPECT_EQ(soc.get(reg::kErrorCode), 0u);
  ASSERT_EQ(soc.ran.size(), 1u);
  EXPECT_EQ(soc.ran[0].schedule.order, plan().order);
  EXPECT_EQ(soc.ran[0].schedule.slots[2].finish, 30);
  EXPECT_GE(sc_core::sc_time_stamp(),
            sc_core::sc_time(100, sc_core::SC_NS));  // done after the run, not before
}

TEST(CommandFetcher, BadListGivesErrorAndInterruptAndTheSocRunsOn) {
  Soc soc;
  std::vector<unsigned char> bad = encode_command_list(plan(), 2);
  bad[0] = 'X';
  ASSERT_TRUE(soc.run(bad));
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusError);
  EXPECT_EQ(soc.get(reg::kIrqStatus), reg::kIrqError);
  EXPECT_EQ(soc.get(reg::kErrorCode), static_cast<std::uint32_t>(CommandListErrorCode::kBadMagic));
  EXPECT_TRUE(soc.ran.empty());
  soc.acknowledge();
  EXPECT_FALSE(soc.regs.irq.read());
  ASSERT_TRUE(soc.run(encode_command_list(plan(), 2)));  // the simulation did not stop
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusDone);
  EXPECT_EQ(soc.ran.size(), 1u);
}

TEST(CommandFetcher, ListThatDoesNotMatchTheAcceleratorIsRefused) {
  Soc soc;
  Schedule four = plan();
  four.slots.push_back({0, 30, 40});
  four.order.push_back(3);
  ASSERT_TRUE(soc.run(encode_command_list(four, 2)));
  EXPECT_EQ(soc.get(reg::kErrorCode), static_cast<std::uint32_t>(CommandListErrorCode::kTaskCountMismatch));
  soc.acknowledge();
  ASSERT_TRUE(soc.run(encode_command_list(plan(), 3)));
  EXPECT_EQ(soc.get(reg::kErrorCode), static_cast<std::uint32_t>(CommandListErrorCode::kTooManyProcessors));
}

TEST(CommandFetcher, UnreadableOrOversizedListIsAnError) {
  Soc soc;
  soc.set(reg::kCmdAddrLo, 0);
  soc.set(reg::kCmdAddrHi, 1);  // 4 GiB: nothing is mapped there
  soc.set(reg::kCmdSize, 88);
  soc.set(reg::kIrqEnable, reg::kIrqError);
  soc.set(reg::kCtrl, reg::kCtrlStart);
  sc_core::sc_start(1, sc_core::SC_US);
  EXPECT_TRUE(soc.regs.irq.read());
  EXPECT_EQ(soc.get(reg::kErrorCode), kErrorFetchFailed);
  soc.acknowledge();
  soc.set(reg::kCmdAddrHi, 0);
  soc.set(reg::kCmdSize, 4097);  // above max_bytes
  soc.set(reg::kCtrl, reg::kCtrlStart);
  sc_core::sc_start(1, sc_core::SC_US);
  EXPECT_EQ(soc.get(reg::kErrorCode), kErrorListTooLarge);
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusError);
}

TEST(CommandFetcher, RunFailureIsReportedWithItsCode) {
  Soc soc;
  soc.run_code = 42;
  ASSERT_TRUE(soc.run(encode_command_list(plan(), 2)));
  EXPECT_EQ(soc.get(reg::kStatus), reg::kStatusError);
  EXPECT_EQ(soc.get(reg::kErrorCode), 42u);
  EXPECT_EQ(soc.ran.size(), 1u);
}

}  // namespace
}  // namespace cnnsched::command_fetcher_test
