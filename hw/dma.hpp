#pragma once
// A DMA engine: a TLM-2.0 LT initiator with one or more channels. Each channel
// executes its descriptors in order; a descriptor copies `bytes` from `src` to
// `dst` (global addresses, e.g. DRAM -> scratchpad for a load, scratchpad ->
// DRAM for a store) as bursts of at most max_burst_bytes: read one burst,
// wait for its delay, write it, wait, and so on. Channels run concurrently
// and share the one socket, so the router arbitrates their bursts like those
// of any other initiator. A descriptor of n bytes therefore takes, uncontended,
// the sum over its bursts of read time + write time (dma_transfer_time in
// sched/memory/transfer_time.hpp has the same rule).
// The bursts carry the channel's burst buffer: targets that store bytes
// (functional mode) fill and read it, so the bytes really move; in timing mode
// they touch nothing. With a global quantum > 0 the waits inside a
// descriptor are temporally decoupled (hw/local_time.hpp); its start and
// finish stay synchronised.
// Every burst carries a TransactionTag (hw/transaction_tag.hpp) with the
// descriptor's tag, so a target may count its actions per descriptor.
// Completion: on_done(channel, descriptor, start, finish) from the channel's
// thread, and `done` (delta) per descriptor. A non-OK response is an
// SC_REPORT_ERROR naming the channel, tag and address.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/hw/local_time.hpp>
#include <cnnsched/hw/transaction_tag.hpp>
#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct DmaDescriptor {
  std::uint64_t src = 0;
  std::uint64_t dst = 0;
  Bytes bytes = 0;
  std::int64_t tag = -1;  // the caller's id (e.g. a transfer task)
};

class Dma : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Dma> socket;
  sc_core::sc_event done;
  std::function<void(int channel, const DmaDescriptor&, sc_core::sc_time start, sc_core::sc_time finish)>
      on_done;

  SC_HAS_PROCESS(Dma);
  // Throws std::invalid_argument when channels < 1 or max_burst_bytes == 0.
  Dma(sc_core::sc_module_name name, int channels, std::uint32_t max_burst_bytes);

  // Queues a descriptor on a channel; it starts when the channel is free.
  void submit(int channel, const DmaDescriptor& d);
  bool idle(int channel) const;
  int num_channels() const { return static_cast<int>(channels_.size()); }
  std::uint32_t max_burst_bytes() const { return max_burst_; }
  // True from a descriptor's start to its finish (for the VCD).
  sc_core::sc_signal<bool>& busy(int channel) {
    return *channels_.at(static_cast<std::size_t>(channel))->busy;
  }

  struct Stats {
    std::uint64_t descriptors = 0;
    std::uint64_t bursts = 0;  // read bursts + write bursts
    std::uint64_t bytes = 0;   // bytes copied
    Time busy_ps = 0;          // summed descriptor durations
  };
  const Stats& stats(int channel) const { return channels_.at(static_cast<std::size_t>(channel))->stats; }
  Stats total_stats() const;

 private:
  struct Channel {
    std::deque<DmaDescriptor> queue;
    bool running = false;
    sc_core::sc_event wake;
    std::unique_ptr<sc_core::sc_signal<bool>> busy;
    std::vector<unsigned char> buffer;
    tlm::tlm_generic_payload trans;
    TransactionTag* tag = nullptr;  // owned by trans (freed with it)
    LocalTime local;                // temporal decoupling inside a descriptor
    Stats stats;
  };
  void run(int channel);
  void execute(int channel, const DmaDescriptor& d);
  void burst(int channel, tlm::tlm_command command, std::uint64_t address, unsigned bytes,
             const DmaDescriptor& d);

  std::uint32_t max_burst_;
  std::vector<std::unique_ptr<Channel>> channels_;
};

}  // namespace cnnsched
