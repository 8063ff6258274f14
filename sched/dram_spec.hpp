#pragma once
// Off-chip DRAM as the cost model and the SystemC Dram module see it: channels
// of banks with an open-page row buffer. Plain numbers, shared by both sides so
// a planned transfer time and a simulated one follow the same formulas.
//
// Address map (row-interleaved): consecutive `interleave_bytes` go to
// consecutive channels; inside a channel, consecutive rows go to consecutive
// banks. One column access moves column_bytes() = bus_bytes * burst_length in
// burst_length / 2 clocks (double data rate).
//
// Timing of one column access to bank b, row r (cycles of the command clock):
//   row hit       (r is open in b):            CL + BL/2
//   row closed    (b precharged, e.g. after a refresh): tRCD + CL + BL/2
//   row conflict  (another row open in b):     tRP + tRCD + CL + BL/2
// Consecutive column accesses to an open row are pipelined: a streaming read
// of k columns in one row costs its first access plus (k - 1) * BL/2.
// Refresh (trefi_ps > 0): every tREFI the channel is busy for tRFC and every
// bank closes its row.
#include <string>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct DramSpec {
  std::string preset = "custom";
  int channels = 1;
  int banks = 8;                                // per channel
  Bytes row_bytes = 2048;                       // row (page) size of one bank
  Bytes bus_bytes = 8;                          // data bus width of one channel
  int burst_length = 8;                         // beats per column access (BL)
  Time cycle_ps = 625;                          // command clock period (data moves on both edges)
  int cl = 22;                                  // CAS latency, cycles
  int trcd = 22;                                // activate to read/write, cycles
  int trp = 22;                                 // precharge, cycles
  Time trefi_ps = 0;                            // refresh interval; 0 = no refresh
  Time trfc_ps = 0;                             // refresh cycle time
  Bytes interleave_bytes = 64;                  // channel interleave granularity
  Bytes bytes = Bytes{1} << 32;                 // capacity (address range)
  std::uint64_t base = std::uint64_t{1} << 40;  // global address of byte 0

  Bytes column_bytes() const { return bus_bytes * burst_length; }
  Time column_time() const { return (burst_length / 2) * cycle_ps; }
  // Peak bytes per command-clock cycle of one channel (DDR).
  Bytes bytes_per_cycle() const { return 2 * bus_bytes; }
  Time hit_time() const { return (cl + burst_length / 2) * cycle_ps; }
  Time closed_time() const { return (trcd + cl + burst_length / 2) * cycle_ps; }
  Time conflict_time() const { return (trp + trcd + cl + burst_length / 2) * cycle_ps; }
  // Peak bandwidth of all channels, bytes per second.
  double peak_bytes_per_second() const;

  struct Location {
    int channel = 0;
    int bank = 0;
    std::int64_t row = 0;
    Bytes row_offset = 0;  // byte offset inside the row
  };
  Location locate(std::uint64_t local_address) const;

  enum class RowState { kHit, kClosed, kConflict };
  // Time of n bytes (n >= 1) inside one row of a bank in `state`, on an idle
  // channel: the first column by the formulas above, BL/2 per further column.
  Time access_time(Bytes n, RowState state) const;
  // A transaction of n bytes at local_address on an idle DRAM, as every
  // transaction sees it with contention off: each interleave chunk it covers
  // finds its bank precharged and no refresh; the chunks run in parallel.
  Time idle_transaction_time(std::uint64_t local_address, Bytes n) const;
  // The commands such a transaction issues on an idle DRAM: per interleave
  // chunk one row activation and ceil(chunk bytes / column_bytes()) column
  // accesses (bursts). The energy model counts these (sched/energy).
  struct Actions {
    std::int64_t columns = 0;
    std::int64_t activations = 0;
  };
  Actions idle_transaction_actions(std::uint64_t local_address, Bytes n) const;

  // Throws InputError(source, field, ...) when a value is out of range.
  void check(const std::string& source, const std::string& field) const;
};

// Presets from published JEDEC figures (sources in dram_spec.cpp).
// Names: "ddr4-3200", "lpddr4-4266", "hbm2".
std::vector<std::string> dram_preset_names();
// Throws InputError(source, field, allowed names) for an unknown name.
DramSpec dram_preset(const std::string& name, const std::string& source = "dram",
                     const std::string& field = "preset");

}  // namespace cnnsched
