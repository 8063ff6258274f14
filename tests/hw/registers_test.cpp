#include <array>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::registers_test {
namespace {

using testing::DirectInitiator;
using testing::Runner;

const sc_core::sc_time kLatency(5, sc_core::SC_NS);

// A host driving the register block directly (local offsets).
struct Bench {
  DirectInitiator cpu{"cpu"};
  AcceleratorRegisters regs{"regs", 0x40000000, kLatency};
  int starts = 0;                      // on_start calls
  std::vector<sc_core::sc_time> seen;  // when the accelerator saw start_event
  Runner accelerator{"accelerator", [this] {
                       for (;;) {
                         sc_core::wait(regs.start_event());
                         seen.push_back(sc_core::sc_time_stamp());
                       }
                     }};
  Bench() {
    cpu.socket.bind(regs.socket);
    regs.on_start([this] { ++starts; });
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // finish elaboration
  }
  tlm::tlm_response_status write(std::uint64_t offset, std::uint32_t value) {
    unsigned char bytes[4];
    std::memcpy(bytes, &value, 4);
    return cpu.transfer(tlm::TLM_WRITE_COMMAND, offset, bytes, 4);
  }
  std::uint32_t read(std::uint64_t offset) {
    unsigned char bytes[4] = {0xAA, 0xAA, 0xAA, 0xAA};
    EXPECT_EQ(cpu.transfer(tlm::TLM_READ_COMMAND, offset, bytes, 4), tlm::TLM_OK_RESPONSE);
    std::uint32_t value;
    std::memcpy(&value, bytes, 4);
    return value;
  }
  bool irq_after_a_while() {
    sc_core::sc_start(1, sc_core::SC_NS);
    return regs.irq.read();
  }
};

TEST(Registers, WritesReadBack) {
  Bench b;
  EXPECT_EQ(b.write(reg::kCmdAddrLo, 0x89abcdef), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.write(reg::kCmdAddrHi, 0x01234567), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.write(reg::kCmdSize, 88), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.write(reg::kIrqEnable, 0xffffffff), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.read(reg::kCmdAddrLo), 0x89abcdefu);
  EXPECT_EQ(b.read(reg::kCmdAddrHi), 0x01234567u);
  EXPECT_EQ(b.read(reg::kCmdSize), 88u);
  EXPECT_EQ(b.read(reg::kIrqEnable), reg::kIrqDone | reg::kIrqError);  // undefined bits read 0
  EXPECT_EQ(b.regs.command_address(), 0x0123456789abcdefu);
  EXPECT_EQ(b.regs.command_size(), 88u);
  EXPECT_EQ(b.read(reg::kStatus), 0u);
  EXPECT_EQ(b.starts, 0);
}

TEST(Registers, AccessAnnotatesTheLatencyAndNeverWaits) {
  Bench b;
  unsigned char bytes[4] = {};
  sc_core::sc_time delay(1, sc_core::SC_NS);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, reg::kStatus, bytes, 4, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, sc_core::sc_time(1, sc_core::SC_NS) + kLatency);
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::SC_ZERO_TIME);
}

TEST(Registers, StartSetsBusyOnceAndNotifiesTheAccelerator) {
  Bench b;
  EXPECT_EQ(b.write(reg::kCtrl, reg::kCtrlStart), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.read(reg::kStatus), reg::kStatusBusy);
  EXPECT_EQ(b.read(reg::kCtrl), 0u);                                      // START self-clears
  EXPECT_EQ(b.write(reg::kCtrl, reg::kCtrlStart), tlm::TLM_OK_RESPONSE);  // busy: ignored
  EXPECT_EQ(b.write(reg::kCtrl, 0), tlm::TLM_OK_RESPONSE);                // no start bit
  sc_core::sc_start(20, sc_core::SC_NS);
  EXPECT_EQ(b.starts, 1);
  ASSERT_EQ(b.seen.size(), 1u);
  EXPECT_EQ(b.seen[0], sc_core::SC_ZERO_TIME);
  b.regs.report_done();
  EXPECT_EQ(b.read(reg::kStatus), reg::kStatusDone);
  // Idle again: a second run, written 3 ns ahead of simulation time (temporal
  // decoupling); the accelerator sees it at that annotated time.
  std::uint32_t start = reg::kCtrlStart;
  sc_core::sc_time delay(3, sc_core::SC_NS);
  EXPECT_EQ(
      b.cpu.transfer(tlm::TLM_WRITE_COMMAND, reg::kCtrl, reinterpret_cast<unsigned char*>(&start), 4, delay),
      tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.read(reg::kStatus), reg::kStatusBusy);
  sc_core::sc_start(20, sc_core::SC_NS);
  EXPECT_EQ(b.starts, 2);
  ASSERT_EQ(b.seen.size(), 2u);
  EXPECT_EQ(b.seen[1], sc_core::sc_time(23, sc_core::SC_NS));
}

TEST(Registers, IrqStatusIsWriteOneToClear) {
  Bench b;
  b.regs.report_error(3);
  b.regs.report_done();
  EXPECT_EQ(b.read(reg::kIrqStatus), reg::kIrqDone | reg::kIrqError);
  EXPECT_EQ(b.write(reg::kIrqStatus, 0), tlm::TLM_OK_RESPONSE);  // writing 0 clears nothing
  EXPECT_EQ(b.read(reg::kIrqStatus), reg::kIrqDone | reg::kIrqError);
  EXPECT_EQ(b.write(reg::kIrqStatus, reg::kIrqError), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.read(reg::kIrqStatus), reg::kIrqDone);
  EXPECT_EQ(b.write(reg::kIrqStatus, 0xffffffff), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.read(reg::kIrqStatus), 0u);
}

TEST(Registers, InterruptRaisedOnlyWhenEnabled) {
  Bench b;
  b.write(reg::kCtrl, reg::kCtrlStart);
  b.regs.report_done();
  EXPECT_FALSE(b.irq_after_a_while());  // nothing enabled
  EXPECT_EQ(b.read(reg::kIrqStatus), reg::kIrqDone);
  b.write(reg::kIrqEnable, reg::kIrqError);
  EXPECT_FALSE(b.irq_after_a_while());  // DONE pending, only ERROR enabled
  b.write(reg::kIrqEnable, reg::kIrqDone);
  EXPECT_TRUE(b.irq_after_a_while());  // level: the pending DONE raises it
  b.write(reg::kIrqStatus, reg::kIrqDone);
  EXPECT_FALSE(b.irq_after_a_while());  // cleared by the host
  b.write(reg::kCtrl, reg::kCtrlStart);
  b.regs.report_error(5);
  EXPECT_FALSE(b.irq_after_a_while());  // an error, with only DONE enabled
  b.write(reg::kIrqEnable, reg::kIrqDone | reg::kIrqError);
  EXPECT_TRUE(b.irq_after_a_while());
}

TEST(Registers, ErrorSetsStatusAndCodeUntilTheNextStart) {
  Bench b;
  b.write(reg::kIrqEnable, reg::kIrqError);
  b.write(reg::kCtrl, reg::kCtrlStart);
  b.regs.report_error(7);
  EXPECT_TRUE(b.irq_after_a_while());
  EXPECT_EQ(b.read(reg::kStatus), reg::kStatusError);
  EXPECT_EQ(b.read(reg::kErrorCode), 7u);
  EXPECT_FALSE(b.regs.busy());
  b.write(reg::kCtrl, reg::kCtrlStart);
  EXPECT_EQ(b.read(reg::kStatus), reg::kStatusBusy);
  EXPECT_EQ(b.read(reg::kErrorCode), 0u);
}

TEST(Registers, CountersReadTheLastRunAndClearOnStart) {
  Bench b;
  EXPECT_EQ(b.read(reg::kMakespanLo), 0u);
  b.write(reg::kCtrl, reg::kCtrlStart);
  b.regs.report_counters(0x0000'0007'89ab'cdefull, 44);
  b.regs.report_done();
  EXPECT_EQ(b.read(reg::kMakespanLo), 0x89abcdefu);
  EXPECT_EQ(b.read(reg::kMakespanHi), 7u);
  EXPECT_EQ(b.read(reg::kTasksDone), 44u);
  for (std::uint64_t offset : {reg::kMakespanLo, reg::kMakespanHi, reg::kTasksDone})
    EXPECT_EQ(b.write(offset, 1), tlm::TLM_COMMAND_ERROR_RESPONSE) << offset;
  EXPECT_EQ(b.read(reg::kTasksDone), 44u);  // the refused write changed nothing
  b.write(reg::kCtrl, reg::kCtrlStart);
  EXPECT_EQ(b.read(reg::kMakespanLo), 0u);
  EXPECT_EQ(b.read(reg::kMakespanHi), 0u);
  EXPECT_EQ(b.read(reg::kTasksDone), 0u);
}

TEST(Registers, DramAndEnergyCountersSplitIntoLoAndHiAndClearOnStart) {
  Bench b;
  b.write(reg::kCtrl, reg::kCtrlStart);
  RunCounters c;
  c.makespan = 5;
  c.tasks_done = 3;
  c.dram_bytes_read = 0x0000'0001'0000'0002ull;
  c.dram_bytes_written = 0x0000'0003'0000'0004ull;
  c.energy_pj = 0x0000'0005'0000'0006ull;
  b.regs.report_counters(c);
  b.regs.report_done();
  EXPECT_EQ(b.read(reg::kDramReadLo), 2u);
  EXPECT_EQ(b.read(reg::kDramReadHi), 1u);
  EXPECT_EQ(b.read(reg::kDramWriteLo), 4u);
  EXPECT_EQ(b.read(reg::kDramWriteHi), 3u);
  EXPECT_EQ(b.read(reg::kEnergyLo), 6u);
  EXPECT_EQ(b.read(reg::kEnergyHi), 5u);
  EXPECT_EQ(b.read(reg::kMakespanLo), 5u);
  EXPECT_EQ(b.read(reg::kTasksDone), 3u);
  for (std::uint64_t offset : {reg::kDramReadLo, reg::kDramReadHi, reg::kDramWriteLo, reg::kDramWriteHi,
                               reg::kEnergyLo, reg::kEnergyHi})
    EXPECT_EQ(b.write(offset, 1), tlm::TLM_COMMAND_ERROR_RESPONSE) << offset;
  EXPECT_EQ(b.read(reg::kEnergyLo), 6u);  // the refused write changed nothing
  b.regs.report_counters(9, 1);           // the short form clears the others
  EXPECT_EQ(b.read(reg::kDramReadLo), 0u);
  b.regs.report_counters(c);
  b.write(reg::kCtrl, reg::kCtrlStart);
  for (std::uint64_t offset = reg::kMakespanLo; offset < kRegisterBlockBytes; offset += 4)
    EXPECT_EQ(b.read(offset), 0u) << offset;
}

TEST(Registers, BadAccessesGetErrorResponsesAndChangeNothing) {
  Bench b;
  b.write(reg::kCmdSize, 16);
  std::array<unsigned char, 8> data{};
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, kRegisterBlockBytes, data.data(), 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, reg::kCmdSize + 2, data.data(), 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 0x1000, data.data(), 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, reg::kCmdAddrLo, data.data(), 8, delay),
            tlm::TLM_BURST_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, reg::kCmdSize, data.data(), 2, delay),
            tlm::TLM_BURST_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, reg::kStatus, data.data(), 4, delay),
            tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, reg::kErrorCode, data.data(), 4, delay),
            tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(delay, sc_core::SC_ZERO_TIME);  // refused accesses take no time
  EXPECT_EQ(b.read(reg::kCmdSize), 16u);
  EXPECT_EQ(b.read(reg::kCmdAddrLo), 0u);
  EXPECT_EQ(b.read(reg::kStatus), 0u);
}

TEST(Registers, ByteEnablesAreRefused) {
  Bench b;
  std::array<unsigned char, 4> data{1, 0, 0, 0};
  std::array<unsigned char, 4> enables{};
  enables.fill(TLM_BYTE_ENABLED);
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_WRITE_COMMAND);
  t.set_address(reg::kCtrl);
  t.set_data_ptr(data.data());
  t.set_data_length(4);
  t.set_streaming_width(4);
  t.set_byte_enable_ptr(enables.data());
  t.set_byte_enable_length(4);
  t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  b.cpu.socket->b_transport(t, delay);
  EXPECT_EQ(t.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  EXPECT_EQ(b.starts, 0);
}

TEST(Registers, DebugAccessReadsWithoutSideEffects) {
  Bench b;
  b.write(reg::kCmdSize, 40);
  std::uint32_t value = 0;
  tlm::tlm_generic_payload t;
  t.set_command(tlm::TLM_READ_COMMAND);
  t.set_address(reg::kCmdSize);
  t.set_data_ptr(reinterpret_cast<unsigned char*>(&value));
  t.set_data_length(4);
  t.set_streaming_width(4);
  EXPECT_EQ(b.cpu.socket->transport_dbg(t), 4u);
  EXPECT_EQ(value, 40u);
  value = reg::kCtrlStart;
  t.set_command(tlm::TLM_WRITE_COMMAND);
  t.set_address(reg::kCtrl);
  EXPECT_EQ(b.cpu.socket->transport_dbg(t), 0u);  // a debugger cannot start a run
  EXPECT_EQ(b.starts, 0);
  EXPECT_FALSE(b.regs.busy());
}

TEST(Registers, ReachedThroughTheRouterAtItsBase) {
  DirectInitiator cpu("cpu");
  Router router("router", PortTiming{0, 4, 1000}, false);
  AcceleratorRegisters regs("regs", 0x40000000);
  cpu.socket.bind(router.in);
  router.out.bind(regs.socket);
  router.map(0, regs.base(), regs.size());
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  std::uint32_t value = 0x1000;
  auto* bytes = reinterpret_cast<unsigned char*>(&value);
  EXPECT_EQ(cpu.transfer(tlm::TLM_WRITE_COMMAND, 0x40000000 + reg::kCmdAddrLo, bytes, 4),
            tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(regs.command_address(), 0x1000u);
  EXPECT_EQ(cpu.transfer(tlm::TLM_READ_COMMAND, reg::kCmdAddrLo, bytes, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(cpu.transfer(tlm::TLM_WRITE_COMMAND, 0x40000000 + reg::kCtrl, bytes, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_FALSE(regs.busy());  // 0x1000 has no START bit
}

}  // namespace
}  // namespace cnnsched::registers_test
