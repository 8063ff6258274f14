#pragma once
// A configurable background initiator: issues `count` transfers of `bytes`
// each, one every `period`, walking an address range. It stands for other
// masters of a SoC (a DMA, a host) that compete with the PEs for the
// interconnect. A transfer goes out as bursts (hw/bursts.hpp), each a blocking
// transaction followed by wait(delay). A non-OK response is counted, not fatal.
#include <cstdint>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct TrafficConfig {
  std::uint64_t base = 0;   // first address
  std::uint64_t range = 0;  // addresses walk [base, base + range) in steps of `bytes`, then wrap
  std::uint32_t bytes = 64;
  Time period_ps = 1000;  // from one issue to the next (or from completion if that is later)
  Time start_ps = 0;
  std::uint64_t count = 0;
  bool write = false;
  std::uint32_t max_burst_bytes = 64;  // each transfer goes out as bursts of at most this
};

class TrafficGenerator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<TrafficGenerator> socket;
  sc_core::sc_event finished;  // notified (delta) after the last transfer

  SC_HAS_PROCESS(TrafficGenerator);
  // Throws std::invalid_argument when bytes is 0 or range < bytes.
  TrafficGenerator(sc_core::sc_module_name name, const TrafficConfig& config);

  const TrafficConfig& config() const { return config_; }
  std::uint64_t issued() const { return issued_; }  // transfers
  std::uint64_t bursts() const { return bursts_; }
  std::uint64_t errors() const { return errors_; }
  // Sum of the annotated delays (the transfer latency this initiator saw).
  sc_core::sc_time total_latency() const { return total_latency_; }
  sc_core::sc_time finish_time() const { return finish_; }

 private:
  void run();

  TrafficConfig config_;
  std::vector<unsigned char> data_;
  std::uint64_t issued_ = 0;
  std::uint64_t bursts_ = 0;
  std::uint64_t errors_ = 0;
  sc_core::sc_time total_latency_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time finish_ = sc_core::SC_ZERO_TIME;
};

}  // namespace cnnsched
