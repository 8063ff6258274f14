#pragma once
// The shared on-chip scratchpad: a TLM-2.0 LT target with an allocator that
// hands out the address ranges of live buffers. With store_bytes (functional
// mode) it holds and copies real bytes; without (timing mode) it has no
// storage and b_transport moves nothing, only checks and times.
//
// b_transport accepts a read or write only when it lies inside ONE allocated
// block (a buffer); anything else is TLM_ADDRESS_ERROR_RESPONSE, so a schedule
// touching a freed or foreign buffer is caught. Byte enables are not supported
// (TLM_BYTE_ENABLE_ERROR_RESPONSE), streaming width < length is a
// TLM_BURST_ERROR_RESPONSE, a null data pointer or zero length a
// TLM_GENERIC_ERROR_RESPONSE. A successful access adds
// timing.transfer_time(length) to the delay and never waits.
//
// DMI (functional mode only; timing mode has no bytes to point at): granted for
// exactly the allocated block holding the address, read and write, with the
// port's fixed latency as read and write latency (the per-byte occupancy is
// the initiator's to add). Releasing a block, or allocating a range, invalidates
// it (invalidate_direct_mem_ptr), so no pointer outlives its buffer.
#include <cstdint>
#include <optional>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>
#include <vector>

#include <cnnsched/sched/memory/address_allocator.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

class Scratchpad : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Scratchpad> socket;
  // Bytes allocated, for tracing. Updated by an internal method one delta
  // cycle after each allocate()/release(), so any process may allocate.
  sc_core::sc_signal<sc_dt::uint64> occupancy;

  SC_HAS_PROCESS(Scratchpad);
  Scratchpad(sc_core::sc_module_name name, Bytes capacity, const PortTiming& timing, bool store_bytes = true);

  // First-fit allocation (see AddressAllocator); nullopt when nothing fits.
  std::optional<std::uint64_t> allocate(Bytes n);
  // A block at a planned address; false when that range is not free.
  bool allocate_at(std::uint64_t address, Bytes n);
  // Throws std::invalid_argument when no block starts at address.
  void release(std::uint64_t address);
  Bytes used() const { return allocator_.used(); }
  Bytes high_water() const { return allocator_.high_water(); }
  Bytes capacity() const { return allocator_.capacity(); }
  const AddressAllocator& allocator() const { return allocator_; }
  const PortTiming& timing() const { return timing_; }

  // Raw storage, e.g. to preload or inspect buffers outside of simulation time
  // (nullptr without store_bytes).
  unsigned char* data() { return store_ ? memory_.data() : nullptr; }
  const unsigned char* data() const { return store_ ? memory_.data() : nullptr; }
  bool stores_bytes() const { return store_; }

  struct Stats {
    std::uint64_t reads = 0;
    std::uint64_t writes = 0;
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;
    std::uint64_t errors = 0;  // transactions answered with an error response
    // Accesses of the port width (the energy model's scratchpad actions): a
    // transaction of n bytes is ceil(n / timing.bytes_per_cycle) of them.
    std::uint64_t read_accesses = 0;
    std::uint64_t write_accesses = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
  // Checks a transaction; TLM_OK_RESPONSE when it may be served.
  tlm::tlm_response_status check(const tlm::tlm_generic_payload& trans) const;
  void copy(tlm::tlm_generic_payload& trans);
  void publish_occupancy();
  void invalidate(std::uint64_t address, Bytes n);

  AddressAllocator allocator_;
  PortTiming timing_;
  bool store_;
  std::vector<unsigned char> memory_;
  Stats stats_;
  sc_core::sc_event occupancy_changed_;
  bool dmi_granted_ = false;  // invalidations are sent only once a pointer was handed out
};

}  // namespace cnnsched
