// HostCpu: the driver sequence (list into memory, registers, START, interrupt,
// STATUS/ERROR_CODE, acknowledge) once per list, and a bus error that ends it.
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>

#include "hw/recording_target.hpp"
#include "hw/soc_test_support.hpp"

namespace cnnsched::host_cpu_test {
namespace {

using testing::small_dram;

using testing::DirectInitiator;
using testing::Runner;

constexpr std::uint64_t kRegs = 0x40000000;
constexpr std::uint64_t kList = 0x3000;

std::vector<unsigned char> bytes(std::size_t n, unsigned char first) {
  std::vector<unsigned char> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<unsigned char>(first + i);
  return v;
}

// The host, DRAM and the registers on one bus; a stand-in accelerator answers
// each START after 50 ns with the next of `codes` (0: done, else that error).
struct Soc {
  HostCpu host;
  DirectInitiator probe{"probe"};
  Router bus{"bus", PortTiming{1000, 8, 1000}, false};
  Dram dram{"dram", small_dram(), true};
  AcceleratorRegisters regs{"regs", kRegs};
  std::vector<std::uint32_t> codes;
  Runner accelerator{"accelerator", [this] {
                       for (std::uint32_t code : codes) {
                         sc_core::wait(regs.start_event());
                         sc_core::wait(50, sc_core::SC_NS);
                         if (code == 0)
                           regs.report_done();
                         else
                           regs.report_error(code);
                       }
                     }};
  Soc(std::uint64_t list_address, std::vector<std::vector<unsigned char>> lists, std::vector<std::uint32_t> c)
      : host("host", kRegs, list_address, std::move(lists), 16), codes(std::move(c)) {
    host.socket.bind(bus.in);
    probe.socket.bind(bus.in);
    bus.out.bind(dram.socket);
    bus.out.bind(regs.socket);
    bus.map(0, 0, 1 << 20);
    bus.map(1, regs.base(), regs.size());
    host.irq.bind(regs.irq);
  }
  std::uint32_t reg(std::uint64_t offset) {
    std::uint32_t v = 0;
    EXPECT_EQ(probe.transfer(tlm::TLM_READ_COMMAND, kRegs + offset, reinterpret_cast<unsigned char*>(&v), 4),
              tlm::TLM_OK_RESPONSE);
    return v;
  }
};

TEST(HostCpu, RunsEachListAndRecordsStatusAndCode) {
  const std::vector<unsigned char> first = bytes(100, 1), second = bytes(40, 200);
  Soc soc(kList, {first, second}, {0, 7});
  sc_core::sc_start();
  EXPECT_TRUE(soc.host.bus_error().empty()) << soc.host.bus_error();
  ASSERT_EQ(soc.host.runs().size(), 2u);
  const HostRun& done = soc.host.runs()[0];
  EXPECT_EQ(done.status & (reg::kStatusDone | reg::kStatusError), reg::kStatusDone);
  EXPECT_EQ(done.error_code, 0u);
  EXPECT_GE(done.interrupted - done.started, sc_core::sc_time(50, sc_core::SC_NS));
  const HostRun& failed = soc.host.runs()[1];
  EXPECT_EQ(failed.status & (reg::kStatusDone | reg::kStatusError), reg::kStatusError);
  EXPECT_EQ(failed.error_code, 7u);
  EXPECT_GT(failed.started, done.interrupted);
  // The registers hold the last list's address and size; it is in DRAM whole
  // (written in 16-byte bursts), and the interrupt was acknowledged.
  EXPECT_EQ(soc.reg(reg::kCmdAddrLo), kList);
  EXPECT_EQ(soc.reg(reg::kCmdAddrHi), 0u);
  EXPECT_EQ(soc.reg(reg::kCmdSize), second.size());
  EXPECT_EQ(soc.reg(reg::kIrqStatus), 0u);
  EXPECT_FALSE(soc.regs.irq.read());
  std::vector<unsigned char> in_dram(second.size());
  ASSERT_EQ(
      soc.probe.transfer(tlm::TLM_READ_COMMAND, kList, in_dram.data(), static_cast<unsigned>(in_dram.size())),
      tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(in_dram, second);
}

TEST(HostCpu, BusErrorEndsTheSequenceAndSaysWhere) {
  Soc soc(0x7000'0000, {bytes(8, 0), bytes(8, 0)}, {0, 0});  // nothing is mapped there
  sc_core::sc_start();
  EXPECT_TRUE(soc.host.runs().empty());
  EXPECT_NE(soc.host.bus_error().find("write at 0x70000000: "), std::string::npos) << soc.host.bus_error();
  EXPECT_EQ(soc.reg(reg::kStatus) & reg::kStatusBusy, 0u);  // never started
}

}  // namespace
}  // namespace cnnsched::host_cpu_test
