#pragma once
// A DMA in front of a router, a 4096-byte scratchpad at 0 and a DDR4-3200
// DRAM at 0x10000000, and the three transfers the DMA and action-counter
// tests time on it: a load (rows closed), a store to the same rows (open now)
// and a reload from mid-row.
#include <gtest/gtest.h>

#include <cnnsched/hw/dma.hpp>
#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/sched/dram_spec.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched::test {

struct DmaDramBench {
  static constexpr PortTiming kBus{3000, 8, 1000};  // 3 ns latency, 8 bytes per 1 ns cycle
  Platform platform;
  Dma dma;
  Router router;
  Dram dram;
  Scratchpad pad;

  explicit DmaDramBench(bool contention)
      : platform(make_platform()),
        dma("dma", 1, 64),
        router("router", kBus, contention),
        dram("dram", platform.dram, false, contention),
        pad("pad", 4096, platform.scratchpad) {
    dma.socket.bind(router.in);
    router.out.bind(pad.socket);
    router.out.bind(dram.socket);
    router.map(0, 0, 4096);
    router.map(1, platform.dram.base, static_cast<std::uint64_t>(platform.dram.bytes));
  }

  static Platform make_platform() {
    Platform p;
    p.interconnect = kBus;
    p.scratchpad = {1000, 8, 1000};
    p.dram = dram_preset("ddr4-3200");
    p.dram.base = 0x10000000;
    return p;
  }

  // Elaborates, places a 1000-byte buffer at 0 and runs the three transfers to the end.
  void run_three_transfers() {
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    ASSERT_EQ(*pad.allocate(1000), 0u);
    const std::uint64_t base = platform.dram.base;
    dma.submit(0, {base + 100, 0, 1000, 1});  // load: rows closed
    dma.submit(0, {0, base + 100, 1000, 2});  // store to the same rows: open now
    dma.submit(0, {base + 64, 0, 200, 3});    // reload from mid-row
    sc_core::sc_start();
  }
};

}  // namespace cnnsched::test
