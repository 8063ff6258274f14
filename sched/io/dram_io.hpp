#pragma once
// Reads the optional "dram" object of a platform description:
//   "dram": {"preset": "ddr4-3200", "dma_channels": 2}
// or numbers (all of channels, banks, row_bytes, bus_bytes, burst_length,
// clock_mhz | cycle_ps, cl, trcd, trp without a preset; any of them overrides
// a preset), plus optional "refresh" (bool, default true for presets),
// "trefi_ns", "trfc_ns", "interleave_bytes", "bytes", "base", "dma_channels".
#include <cnnsched/sched/dram_spec.hpp>
#include <cnnsched/sched/io/json_fields.hpp>

namespace cnnsched {

struct DramConfig {
  DramSpec spec;
  int dma_channels = 2;
};

DramConfig read_dram_config(const JsonFields& f);

}  // namespace cnnsched
