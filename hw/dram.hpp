#pragma once
// Off-chip DRAM: a TLM-2.0 LT target with channels, banks and an open-page row
// buffer, timed by the formulas of sched/dram_spec.hpp (the cost model uses
// the same ones).
//
// A transaction is cut into the interleave chunks it covers (each lies in one
// channel, bank and row). Per chunk, arriving at t (sc_time_stamp() + delay):
//   - refresh: inside a refresh window the chunk waits for its end; the first
//     access of a bank after a refresh finds the row closed;
//   - the bank's row state gives the access time (hit / closed / conflict);
//   - with contention on, a bank issues its commands in order (the next column
//     of an open row BL/2 after the previous one, so a row streams) and the
//     channel's data bus carries one chunk at a time, CL after its column
//     command or when the bus frees. Other banks activate in parallel.
//     With contention off a transaction sees an idle DRAM: every chunk finds
//     its bank precharged (tRCD + CL + BL/2 + further columns), no refresh,
//     from arrival (DramSpec::idle_transaction_time, the plan's formula).
// The delay grows by the latest chunk's finish - t. Never waits.
// DMI (functional mode only): granted per 4 KiB storage page, read and write,
// with a closed-row burst (tRCD + CL + BL/2) as latency; pages are never
// freed, so no invalidation is ever needed. A DMI access bypasses the bank
// and bus model (no row state, no counters).
// Timing mode stores and copies no bytes; functional mode keeps the
// written bytes sparsely, in 4 KiB pages created on first write.
// Counters: per command kind and row outcome (Stats), and the energy model's
// actions per transaction tag (hw/transaction_tag.hpp; the DMA tags each
// burst with its descriptor): column accesses and row activations as timed.
// With contention on an activation is a chunk that found its bank closed or
// another row open; with contention off every chunk is timed as on an idle
// DRAM, its bank precharged, so every chunk counts one activation (the
// plan's count, DramSpec::idle_transaction_actions), while Stats still
// reports the open-page row outcomes.
#include <cstdint>
#include <memory>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>
#include <unordered_map>
#include <vector>

#include <cnnsched/sched/dram_spec.hpp>

namespace cnnsched {

class Dram : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Dram> socket;
  // Cumulative bytes read + written, for tracing (updated one delta after a transfer).
  sc_core::sc_signal<sc_dt::uint64> bytes_moved;

  SC_HAS_PROCESS(Dram);
  // Throws InputError when the spec is out of range.
  Dram(sc_core::sc_module_name name, const DramSpec& spec, bool store_bytes, bool contention = true);

  struct Stats {
    std::uint64_t reads = 0;  // transactions
    std::uint64_t writes = 0;
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;
    std::uint64_t columns = 0;        // column accesses (BL each)
    std::uint64_t row_hits = 0;       // chunks that found their row open
    std::uint64_t row_misses = 0;     // chunks that found the bank closed (activate)
    std::uint64_t row_conflicts = 0;  // chunks that found another row open (precharge + activate)
    std::uint64_t refresh_waits = 0;  // chunks that waited for a refresh
    std::uint64_t errors = 0;
    Time data_busy_ps = 0;  // summed data-bus time over all channels
    std::uint64_t activations() const { return row_misses + row_conflicts; }
  };
  const Stats& stats() const { return stats_; }
  struct Actions {
    std::uint64_t columns = 0;
    std::uint64_t activations = 0;
  };
  // The actions of the transactions tagged `tag` (-1: untagged); zero when none.
  Actions tag_actions(std::int64_t tag) const;
  const std::unordered_map<std::int64_t, Actions>& all_tag_actions() const { return tag_actions_; }
  const DramSpec& spec() const { return spec_; }
  bool stores_bytes() const { return store_bytes_; }

 private:
  struct Bank {
    std::int64_t open_row = -1;
    std::int64_t refresh_epoch = 0;
    Time ready_at = 0;
  };
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
  tlm::tlm_response_status check(const tlm::tlm_generic_payload& trans) const;
  // Times one chunk arriving at `arrival`; returns its finish.
  Time access_chunk(std::uint64_t address, Bytes n, Time arrival, Actions& actions);
  void copy(tlm::tlm_generic_payload& trans);
  unsigned char* page(std::uint64_t index, bool create);
  void publish();

  DramSpec spec_;
  bool store_bytes_;
  bool contention_;
  std::vector<Bank> banks_;        // channel * banks + bank
  std::vector<Time> bus_free_at_;  // per channel
  std::unordered_map<std::uint64_t, std::unique_ptr<unsigned char[]>> pages_;
  Stats stats_;
  std::unordered_map<std::int64_t, Actions> tag_actions_;
  sc_core::sc_event changed_;
};

}  // namespace cnnsched
