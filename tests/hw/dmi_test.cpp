// DMI through the router: granted by the scratchpad (functional mode) and the
// DRAM, translated to global addresses, and invalidated when the scratchpad
// releases or reuses a buffer.
#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <utility>
#include <vector>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>

namespace cnnsched::dmi_test {
namespace {

const PortTiming kBus{1000, 8, 1000};   // 1 ns latency
const PortTiming kSpad{2000, 4, 1000};  // 2 ns latency
constexpr std::uint64_t kSpadBase = 0x10000;
constexpr std::uint64_t kDramBase = 0x80000000;

// An initiator that asks for DMI and records every invalidation it receives.
class DmiInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<DmiInitiator> socket;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> invalidated;

  explicit DmiInitiator(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {
    socket.register_invalidate_direct_mem_ptr(this, &DmiInitiator::invalidate);
  }
  bool request(std::uint64_t address, tlm::tlm_dmi& dmi) {
    tlm::tlm_generic_payload t;
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_address(address);
    return socket->get_direct_mem_ptr(t, dmi);
  }
  tlm::tlm_response_status read(std::uint64_t address, unsigned char* data, unsigned n) {
    tlm::tlm_generic_payload t;
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_address(address);
    t.set_data_ptr(data);
    t.set_data_length(n);
    t.set_streaming_width(n);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(t, delay);
    return t.get_response_status();
  }

 private:
  void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) { invalidated.emplace_back(start, end); }
};

struct Soc {
  DmiInitiator cpu{"cpu"};
  Router router{"router", kBus, true};
  Scratchpad spad;
  Dram dram;
  explicit Soc(bool functional)
      : spad("spad", 4096, kSpad, functional), dram("dram", dram_preset("ddr4-3200"), functional) {
    cpu.socket.bind(router.in);
    router.out.bind(spad.socket);
    router.out.bind(dram.socket);
    router.map(0, kSpadBase, 4096);
    router.map(1, kDramBase, 1 << 20);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
};

TEST(Dmi, ScratchpadGrantsTheBufferInGlobalAddresses) {
  Soc soc(true);
  soc.spad.allocate(100);
  const auto b = soc.spad.allocate(64);
  ASSERT_EQ(b, 100u);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(soc.cpu.request(kSpadBase + 120, dmi));
  EXPECT_EQ(dmi.get_start_address(), kSpadBase + 100);
  EXPECT_EQ(dmi.get_end_address(), kSpadBase + 163);
  EXPECT_TRUE(dmi.is_read_write_allowed());
  EXPECT_EQ(dmi.get_read_latency(), to_sc_time(kSpad.latency_ps + kBus.latency_ps));
  // The pointer is the buffer: a byte written through it reads back over the bus.
  dmi.get_dmi_ptr()[20] = 0x5a;
  unsigned char got = 0;
  ASSERT_EQ(soc.cpu.read(kSpadBase + 120, &got, 1), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(got, 0x5a);
}

TEST(Dmi, ReleasingOrReusingABufferInvalidatesItsGlobalRange) {
  Soc soc(true);
  const auto b = soc.spad.allocate(64);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(soc.cpu.request(kSpadBase + *b, dmi));
  ASSERT_TRUE(soc.cpu.invalidated.empty());
  soc.spad.release(*b);
  ASSERT_EQ(soc.cpu.invalidated.size(), 1u);
  EXPECT_EQ(soc.cpu.invalidated[0], std::make_pair(kSpadBase + *b, kSpadBase + *b + 63));
  const auto reused = soc.spad.allocate(32);
  ASSERT_EQ(reused, b);
  ASSERT_EQ(soc.cpu.invalidated.size(), 2u);
  EXPECT_EQ(soc.cpu.invalidated[1], std::make_pair(kSpadBase + *b, kSpadBase + *b + 31));
}

TEST(Dmi, DeniedInTimingMode) {
  Soc timing(false);
  timing.spad.allocate(64);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(timing.cpu.request(kSpadBase, dmi));  // timing mode: nothing to point at
  EXPECT_FALSE(timing.cpu.request(kDramBase, dmi));
}

TEST(Dmi, DeniedOutsideBuffersAndUnmapped) {
  Soc functional(true);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(functional.cpu.request(kSpadBase + 1000, dmi));  // no buffer there
  EXPECT_FALSE(functional.cpu.request(0x4000000, dmi));         // unmapped
  EXPECT_EQ(dmi.get_start_address(), 0x4000000u);
  EXPECT_EQ(dmi.get_end_address(), 0x4000000u);
}

TEST(Dmi, DramGrantsItsStoragePage) {
  Soc soc(true);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(soc.cpu.request(kDramBase + 5000, dmi));
  EXPECT_EQ(dmi.get_start_address(), kDramBase + 4096);
  EXPECT_EQ(dmi.get_end_address(), kDramBase + 8191);
  EXPECT_EQ(dmi.get_read_latency(), to_sc_time(dram_preset("ddr4-3200").closed_time() + kBus.latency_ps));
  dmi.get_dmi_ptr()[5000 - 4096] = 0x77;
  unsigned char got = 0;
  ASSERT_EQ(soc.cpu.read(kDramBase + 5000, &got, 1), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(got, 0x77);
}

}  // namespace
}  // namespace cnnsched::dmi_test
