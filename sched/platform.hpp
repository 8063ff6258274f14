#pragma once
// The accelerator as the cost model sees it: PEs that may differ, one shared
// scratchpad behind one interconnect. The SystemC modules take the same numbers,
// so a task's planned time and its simulated time follow the same formulas.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include <cnnsched/sched/dram_spec.hpp>
#include <cnnsched/sched/energy/energy_table.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

// A port that moves `bytes_per_cycle` per clock after a fixed latency.
struct PortTiming {
  Time latency_ps = 0;
  Bytes bytes_per_cycle = 1;
  Time cycle_ps = 1000;
  // Cycles the port is occupied by a transfer of n bytes (excluding latency).
  Time occupancy(Bytes n) const { return ((n + bytes_per_cycle - 1) / bytes_per_cycle) * cycle_ps; }
  Time transfer_time(Bytes n) const { return latency_ps + occupancy(n); }
};

struct PeSpec {
  std::string name;
  std::int64_t macs_per_cycle = 1;
  Time cycle_ps = 1000;
  Time compute_time(std::int64_t macs) const {
    return ((macs + macs_per_cycle - 1) / macs_per_cycle) * cycle_ps;
  }
};

struct Platform {
  std::string name;
  std::vector<PeSpec> pes;
  PortTiming interconnect;
  PortTiming scratchpad;
  // The simulated scratchpad holds real bytes, so its size is bounded (1 GiB).
  static constexpr Bytes kMaxScratchpadBytes = Bytes{1} << 30;
  Bytes scratchpad_bytes = 0;  // the simulated scratchpad's size
  bool contention = true;      // whether the interconnect serialises transfers per target
  // Off-chip memory (optional "dram" object): without it the model is on-chip only.
  bool has_dram = false;
  DramSpec dram;
  int dma_channels = 0;  // channels of the DMA engine when has_dram
  // Energy figures the platform overrides ("energy" object); energy_table()
  // resolves them with the defaults (sched/energy/energy_table.hpp).
  EnergySpec energy;

  // Every initiator (PE, DMA, traffic generator) cuts a transfer into bursts of
  // at most this many bytes, one transaction each, issued one after the other;
  // the router arbitrates per burst ("interconnect": {"max_burst_bytes": 64}).
  static constexpr Bytes kDefaultMaxBurstBytes = 64;
  Bytes max_burst_bytes = kDefaultMaxBurstBytes;
  // TLM-2.0 global quantum for a standalone simulation ("interconnect":
  // {"quantum_ns": 1000}); 0 = lock-step, exact. Inside a user's SoC the SoC sets it.
  Time quantum_ps = 0;

  // Global addresses (the router's map). The scratchpad's byte 0
  // ("scratchpad": {"base": 0}); in SoC mode the register block's window
  // ("registers": {"base": 1073741824}); the DRAM's is dram.base. The ranges
  // [base, base + size) must not overlap (the registers reserve
  // kRegisterWindowBytes) and every base is at most kMaxBaseAddress.
  static constexpr std::uint64_t kMaxBaseAddress = std::uint64_t{1} << 50;
  static constexpr std::uint64_t kRegisterWindowBytes = 4096;
  std::uint64_t scratchpad_base = 0;
  std::uint64_t register_base = 0x4000'0000;

  // Uncontended time of one scratchpad burst of n <= max_burst_bytes bytes.
  Time burst_time(Bytes n) const { return interconnect.transfer_time(n) + scratchpad.transfer_time(n); }
  // Uncontended time of a scratchpad access of n bytes through the
  // interconnect: the sum over its bursts (each pays both latencies).
  Time access_time(Bytes n) const {
    const Bytes full = n / max_burst_bytes;
    const Bytes rest = n % max_burst_bytes;
    return full * burst_time(max_burst_bytes) + (rest > 0 ? burst_time(rest) : 0);
  }
  // PEs with equal throughput and clock share a cost class.
  std::vector<int> pe_classes() const;
  std::vector<std::string> pe_names() const;
  // "" when the scratchpad, the registers and the DRAM (when has_dram) occupy
  // disjoint address ranges, else which two overlap, e.g. "the scratchpad
  // [0x0, 0x10000) overlaps the registers [0x8000, 0x9000)".
  std::string address_overlap() const;
};

// Reads a platform description (JSON); throws InputError naming file and field.
// Format (configs/platforms/*.json):
//   {"name": "default",
//    "pes": [{"name": "pe", "count": 4, "macs_per_cycle": 16, "clock_mhz": 500}],
//    "scratchpad": {"bytes": 65536, "bytes_per_cycle": 8, "latency_cycles": 1, "clock_mhz": 500},
//    "interconnect": {"bytes_per_cycle": 8, "latency_cycles": 2, "clock_mhz": 500, "contention": true,
//                     "max_burst_bytes": 64, "quantum_ns": 0},
//    "dram": {"preset": "ddr4-3200", "dma_channels": 2},       (optional; see sched/io/dram_io.hpp)
//    "registers": {"base": 1073741824},                        (optional; SoC mode's register block)
//    "energy": {"mac_pj": {"1": 0.23}, "static_mw": {"pe": 1}}} (optional; see sched/io/energy_io.hpp)
// "scratchpad" and "dram" take an optional "base" too (see Platform::scratchpad_base).
// A PE entry with count n > 1 expands to name0 .. name{n-1}; list several entries
// for a heterogeneous mix. Instead of clock_mhz a clock may be given as cycle_ps;
// either way the period must be a whole number of picoseconds.
Platform load_platform(const std::string& path);
Platform parse_platform(const nlohmann::json& config, const std::string& source);

}  // namespace cnnsched
