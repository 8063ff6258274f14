#pragma once
// The energy of an accelerator's actions, in the style of Accelergy's action
// tables: one figure per action (pJ) and a static power per component (mW)
// integrated over the makespan. Platform::energy holds what a platform JSON
// overrides ("energy" object, sched/io/energy_io.hpp); energy_table() fills
// the rest with the defaults below, some of which depend on the platform
// (the scratchpad's size and port width, the DRAM's column size).
//
// Defaults (45 nm, M. Horowitz, "Computing's energy problem (and what we can
// do about it)", ISSCC 2014, table of energy per operation):
//   MAC, per element size: add + multiply of that integer width:
//     1 byte  0.03 + 0.2 = 0.23 pJ   (8-bit add, 8-bit mult)
//     2 bytes 0.05 + 0.8 = 0.85 pJ   (16-bit add; the table has no 16-bit
//                                     integer multiply: 0.8 is the geometric
//                                     mean of the 8- and 32-bit figures,
//                                     which a multiplier's quadratic growth
//                                     in width also gives: 0.2 x 2^2)
//     4 bytes 0.1 + 3.1 = 3.2 pJ     (32-bit add, 32-bit mult)
//     another size: the next larger entry, above the largest one the largest
//     scaled by (size / its size)^2.
//   Scratchpad read and write, per access of the port width
//   (scratchpad.bytes_per_cycle): the SRAM figures per 64-bit access,
//   8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ (KB = 1024 bytes), interpolated linearly in
//   log(size) -> log(energy) (extrapolated past the ends along the nearest
//   segment), scaled by port width / 8 bytes. Read = write (one figure).
//   Interconnect, per byte: 0.85 pJ. Horowitz gives no wire figure in this
//   table; Eyeriss (Chen, Emer, Sze, ISCA 2016, normalised energy per 16-bit
//   access) puts a transfer over the array's NoC at 2x a 16-bit MAC, i.e.
//   2 x 0.85 pJ per 2 bytes.
//   DRAM, per burst (column access of bus_bytes x burst_length): 1.3 nJ per
//   64 bits (the low end of Horowitz's 1.3-2.6 nJ per 64-bit DRAM access,
//   taken as a row hit), so 10.4 nJ per 64-byte DDR4 burst.
//   DRAM, per row activation (activate + precharge): 1.3 nJ, the range's
//   spread (2.6 - 1.3 nJ) taken as what a row miss adds.
//   Static power: 0 mW for every component: the cited tables give dynamic
//   energy only; give a platform's leakage and standby power (e.g. a DRAM
//   datasheet's IDD2N x VDD) under "static_mw".
// Cross-check against Eyeriss's relative costs (MAC 1, NoC 2, global buffer
// 6, DRAM 200 per 16-bit access): 6 x 0.85 pJ = 5.1 pJ per 16 bits is
// 20 pJ per 64 bits, Horowitz's 32 KB SRAM; 200 x 0.85 pJ per 16 bits is
// 0.68 nJ per 64 bits, within 2-4x of Horowitz's DRAM range.
#include <cstdint>
#include <map>
#include <optional>

namespace cnnsched {

struct Platform;

// What a platform's "energy" object set; unset entries take the defaults.
struct EnergySpec {
  std::map<std::int64_t, double> mac_pj;  // by element bytes
  std::optional<double> scratchpad_read_pj;
  std::optional<double> scratchpad_write_pj;
  std::optional<double> interconnect_byte_pj;
  std::optional<double> dram_burst_pj;
  std::optional<double> dram_activation_pj;
  std::optional<double> static_pe_mw;  // per PE
  std::optional<double> static_scratchpad_mw;
  std::optional<double> static_interconnect_mw;
  std::optional<double> static_dma_mw;
  std::optional<double> static_dram_mw;
};

// Every figure resolved for one platform.
struct EnergyTable {
  std::map<std::int64_t, double> mac_pj;  // by element bytes: 1, 2, 4 and any overridden size
  double scratchpad_read_pj = 0;          // per access of the port width
  double scratchpad_write_pj = 0;
  double interconnect_byte_pj = 0;
  double dram_burst_pj = 0;       // per column access (0 without DRAM)
  double dram_activation_pj = 0;  // per row activation (0 without DRAM)
  double static_pe_mw = 0;        // per PE
  double static_scratchpad_mw = 0;
  double static_interconnect_mw = 0;
  double static_dma_mw = 0;   // the DMA engine (0 without DRAM)
  double static_dram_mw = 0;  // (0 without DRAM)
  // The MAC energy for an element size (rule above).
  double mac_pj_for(std::int64_t element_bytes) const;
};

// Horowitz's SRAM energy per 64-bit access for a memory of `bytes` (rule above).
double sram_access_pj_64bit(double bytes);

EnergyTable energy_table(const Platform& platform);

}  // namespace cnnsched
