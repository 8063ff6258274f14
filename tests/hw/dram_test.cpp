#include <array>
#include <gtest/gtest.h>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/errors.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::dram_test {
namespace {

using testing::DirectInitiator;

// DDR4-3200 without refresh: tCK 625 ps, CL = tRCD = tRP = 22, BL8 (4 clocks), 8 KB rows, 16 banks.
DramSpec ddr4() {
  DramSpec s = dram_preset("ddr4-3200");
  s.trefi_ps = 0;
  s.trfc_ps = 0;
  return s;
}

struct Bench {
  DirectInitiator cpu{"cpu"};
  Dram dram;
  std::array<unsigned char, 256> data{};
  explicit Bench(const DramSpec& spec, bool store = false) : dram("dram", spec, store) {
    cpu.socket.bind(dram.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  // Reads n bytes at `address`, arriving at `at` ps; returns the finish in ps.
  Time read(std::uint64_t address, unsigned n, Time at) {
    sc_core::sc_time delay = to_sc_time(at);
    EXPECT_EQ(cpu.transfer(tlm::TLM_READ_COMMAND, address, data.data(), n, delay), tlm::TLM_OK_RESPONSE);
    return to_ps(delay);
  }
};

TEST(Dram, RowMissHitAndConflictTakeHandComputedTimes) {
  Bench b(ddr4());
  // Closed bank: tRCD + CL + BL/2 = (22 + 22 + 4) x 625 ps.
  EXPECT_EQ(b.read(0, 64, 0), 30000);
  // Same row, arriving when the bank is free: CL + BL/2 = 26 x 625.
  EXPECT_EQ(b.read(64, 64, 30000), 30000 + 16250);
  // 16 rows on: bank 0 again, row 1 -> conflict: tRP + tRCD + CL + BL/2 = 70 x 625.
  EXPECT_EQ(b.read(16 * 8192, 64, 100000), 100000 + 43750);
  // Two columns of an open row: the second adds BL/2 = 4 x 625.
  EXPECT_EQ(b.read(16 * 8192 + 128, 128, 200000), 200000 + 16250 + 2500);
  const Dram::Stats& s = b.dram.stats();
  EXPECT_EQ(s.row_misses, 1u);
  EXPECT_EQ(s.row_hits, 3u);  // the 128-byte read is two 64-byte chunks, both hits
  EXPECT_EQ(s.row_conflicts, 1u);
  EXPECT_EQ(s.activations(), 2u);
  EXPECT_EQ(s.bytes_read, 64u * 3 + 128u);
  EXPECT_EQ(s.columns, 5u);
}

TEST(Dram, OtherBankOverlapsItsActivateButSharesTheDataBus) {
  Bench b(ddr4());
  EXPECT_EQ(b.read(0, 64, 0), 30000);
  // Bank 1 (the next row) activates in parallel; only its 2500 ps of data wait for the bus.
  EXPECT_EQ(b.read(8192, 64, 0), 32500);
  // Bank 0's open row streams: its next column follows after BL/2, its data after the bus frees.
  EXPECT_EQ(b.read(64, 64, 0), 32500 + 2500);
}

TEST(Dram, RefreshDelaysAnAccessAndClosesTheRow) {
  DramSpec spec = ddr4();
  spec.trefi_ps = 10000000;  // 10 us
  spec.trfc_ps = 350000;
  Bench b(spec);
  EXPECT_EQ(b.read(0, 64, 0), 30000);
  EXPECT_EQ(b.read(64, 64, 1000000), 1000000 + 16250);  // hit before the refresh
  // Inside the refresh window [10 us, 10.35 us): waits, then finds the row closed.
  EXPECT_EQ(b.read(128, 64, 10100000), 10350000 + 30000);
  EXPECT_EQ(b.dram.stats().refresh_waits, 1u);
  EXPECT_EQ(b.dram.stats().row_misses, 2u);
}

TEST(Dram, ChannelsInterleaveAndRunInParallel) {
  Bench b(dram_preset("lpddr4-4266"));  // 2 channels, 64-byte interleave, BL16 x 2 B = 32 B per column
  const DramSpec& s = b.dram.spec();
  const Time closed = (s.trcd + s.cl + s.burst_length / 2) * s.cycle_ps;
  EXPECT_EQ(b.read(0, 32, 0), closed);
  EXPECT_EQ(b.read(64, 32, 0), closed);  // channel 1: no wait for channel 0
  EXPECT_EQ(s.locate(64).channel, 1);
  EXPECT_EQ(s.locate(128).channel, 0);
}

TEST(Dram, FunctionalModeStoresBytesSparselyTimingModeNone) {
  Bench b(ddr4(), true);
  for (unsigned i = 0; i < 100; ++i) b.data[i] = static_cast<unsigned char>(i + 1);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  const std::uint64_t far = (std::uint64_t{1} << 31) + 4090;  // crosses a 4 KiB page
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_WRITE_COMMAND, far, b.data.data(), 100, delay), tlm::TLM_OK_RESPONSE);
  b.data.fill(0);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, far, b.data.data(), 100, delay), tlm::TLM_OK_RESPONSE);
  for (unsigned i = 0; i < 100; ++i) ASSERT_EQ(b.data[i], i + 1) << i;
  b.data.fill(7);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 0, b.data.data(), 16, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.data[0], 0);  // never written: zeros
}

TEST(Dram, TimingModeLeavesTheDataAloneAndRejectsOutOfRange) {
  Bench b(ddr4(), false);
  b.data.fill(9);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, 0, b.data.data(), 16, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.data[0], 9);
  const auto end = static_cast<std::uint64_t>(b.dram.spec().bytes);
  EXPECT_EQ(b.cpu.transfer(tlm::TLM_READ_COMMAND, end - 8, b.data.data(), 16, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.dram.stats().errors, 1u);
}

TEST(DramSpec, PresetsAreValidWithTheirPublishedPeakBandwidth) {
  for (const std::string& name : dram_preset_names()) EXPECT_NO_THROW(dram_preset(name).check("t", "dram"));
  EXPECT_DOUBLE_EQ(dram_preset("ddr4-3200").peak_bytes_per_second(), 25.6e9);  // 3200 MT/s x 8 B
  EXPECT_DOUBLE_EQ(dram_preset("hbm2").peak_bytes_per_second(), 16e9);         // 2 Gb/s x 64 bits
  EXPECT_THROW(dram_preset("ddr9"), InputError);
  DramSpec bad = ddr4();
  bad.row_bytes = 100;
  EXPECT_THROW(bad.check("p.json", "dram"), InputError);
}

}  // namespace
}  // namespace cnnsched::dram_test
