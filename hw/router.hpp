#pragma once
// The interconnect between initiators (PEs, traffic generators) and targets
// (the scratchpad, other memories): an LT address-decoding router.
//
// map() places a target port's local range [0, size) at [base, base + size) of
// the global address space. b_transport forwards a transaction whose whole
// range lies in one mapped region, with the address rewritten to the target's
// local address (restored before returning); anything else is answered with
// TLM_ADDRESS_ERROR_RESPONSE without reaching a target.
//
// Timing (never waits): a transfer of n bytes occupies its target port for
// timing.occupancy(n), then takes timing.latency_ps, so the router adds
// latency + occupancy(n) to the delay. With contention on, each target port
// serves one transfer at a time: a transfer arriving (sc_time_stamp() +
// delay) while the port is busy starts when it frees, and the wait is added
// too. Arbitration is per transaction, and every initiator of this project
// (PE, DMA, traffic generator) issues a transfer as bursts of at most
// max_burst_bytes, waiting for each: so it is per burst, first come first
// served, and a long transfer no longer holds a port while others wait
// (bursts of concurrent initiators interleave on the port).
// Arrivals are served in call order: with temporally decoupled
// initiators an early arrival seen late is queued behind later ones
// (pessimistic, never optimistic). With contention off nothing ever waits,
// so the time equals the cost model (PortTiming::transfer_time).
//
// DMI: a request is decoded like a transport and forwarded to the target with
// the local address; a grant comes back with its range in global addresses,
// its end clipped to the region, and the router's latency added to the
// target's (a DMI access bypasses port arbitration, so it sees no
// contention). A target's invalidation is translated to global addresses for
// every region of that port and sent to every initiator.
#include <cstdint>
#include <map>
#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <vector>

#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

class Router : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Router> in;      // bind any number of initiators
  tlm_utils::multi_passthrough_initiator_socket<Router> out;  // bind any number of targets
  // Cumulative bytes forwarded successfully, for tracing: written by the
  // process whose transfer it was (any initiator, hence unchecked writers;
  // every write is the running total, so the last one in a delta is right),
  // visible one delta cycle later.
  sc_core::sc_signal<sc_dt::uint64, sc_core::SC_UNCHECKED_WRITERS> bytes_moved;

  Router(sc_core::sc_module_name name, const PortTiming& timing, bool contention);

  // Maps global [base, base + size) to local [0, size) of target port
  // `target_port` (the order in which targets were bound to `out`). A port
  // may own several regions. Throws std::invalid_argument on size 0, on
  // overflow, or when the range overlaps a mapped one.
  void map(unsigned target_port, std::uint64_t base, std::uint64_t size);

  struct PortStats {
    std::uint64_t transactions = 0;
    std::uint64_t bytes = 0;
    sc_core::sc_time busy = sc_core::SC_ZERO_TIME;             // sum of occupancy(n)
    sc_core::sc_time contention_wait = sc_core::SC_ZERO_TIME;  // sum of waits for a busy target port
  };
  // Statistics of successfully decoded transfers, indexed by port number.
  const PortStats& initiator_stats(unsigned port) const;
  const PortStats& target_stats(unsigned port) const;
  unsigned num_initiator_ports() const { return static_cast<unsigned>(initiator_stats_.size()); }
  unsigned num_target_ports() const { return static_cast<unsigned>(target_stats_.size()); }
  std::uint64_t decode_errors() const { return decode_errors_; }
  // Bytes of every transfer forwarded successfully (the energy model's interconnect action).
  std::uint64_t bytes_forwarded() const { return total_bytes_; }
  const PortTiming& timing() const { return timing_; }
  bool contention() const { return contention_; }

 private:
  struct Region {
    std::uint64_t end;  // exclusive
    unsigned port;
  };
  void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(int id, tlm::tlm_generic_payload& trans);
  bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(int id, sc_dt::uint64 start, sc_dt::uint64 end);
  // The region holding all of [address, address + length), or nullptr.
  const std::pair<const std::uint64_t, Region>* decode(std::uint64_t address, std::uint64_t length) const;
  void end_of_elaboration() override;

  PortTiming timing_;
  bool contention_;
  std::map<std::uint64_t, Region> regions_;  // by base address
  std::vector<PortStats> initiator_stats_;
  std::vector<PortStats> target_stats_;
  std::vector<sc_core::sc_time> port_busy_until_;
  std::uint64_t decode_errors_ = 0;
  std::uint64_t total_bytes_ = 0;
};

}  // namespace cnnsched
