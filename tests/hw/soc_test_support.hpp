// Helpers shared by the SoC-style tests (a host, a bus, DRAM and the registers).
#pragma once
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

#include <cnnsched/sched/dram_spec.hpp>

#include "hw/recording_target.hpp"

namespace cnnsched::testing {

// The test SoCs' memory: 1 MiB of DDR4-3200 timing at address 0.
inline DramSpec small_dram() {
  DramSpec s = dram_preset("ddr4-3200");
  s.bytes = 1 << 20;
  s.base = 0;
  return s;
}

// One host write of `bytes` at `address`, which must succeed.
inline void put_bytes(DirectInitiator& host, std::uint64_t address, std::vector<unsigned char> bytes) {
  ASSERT_EQ(host.transfer(tlm::TLM_WRITE_COMMAND, address, bytes.data(), static_cast<unsigned>(bytes.size())),
            tlm::TLM_OK_RESPONSE);
}

// One 32-bit register write or read at `address`, which must succeed.
inline void put_word(DirectInitiator& host, std::uint64_t address, std::uint32_t value) {
  ASSERT_EQ(host.transfer(tlm::TLM_WRITE_COMMAND, address, reinterpret_cast<unsigned char*>(&value), 4),
            tlm::TLM_OK_RESPONSE);
}
inline std::uint32_t get_word(DirectInitiator& host, std::uint64_t address) {
  std::uint32_t value = 0;
  EXPECT_EQ(host.transfer(tlm::TLM_READ_COMMAND, address, reinterpret_cast<unsigned char*>(&value), 4),
            tlm::TLM_OK_RESPONSE);
  return value;
}

}  // namespace cnnsched::testing
