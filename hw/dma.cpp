// sc_spawn (one thread per channel) needs the dynamic-process API: the hw
// target defines SC_INCLUDE_DYNAMIC_PROCESSES (CMakeLists.txt), so that it
// precedes <systemc> also in the precompiled header.
#ifndef SC_INCLUDE_DYNAMIC_PROCESSES
#error "hw/dma.cpp needs SC_INCLUDE_DYNAMIC_PROCESSES (set by the hw target)"
#endif
#include <systemc>
//
#include <algorithm>
#include <stdexcept>

#include <cnnsched/hw/dma.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/tlm_payload.hpp>

namespace cnnsched {

Dma::Dma(sc_core::sc_module_name name, int channels, std::uint32_t max_burst_bytes)
    : sc_core::sc_module(name), socket("socket"), max_burst_(max_burst_bytes) {
  if (channels < 1) throw std::invalid_argument(std::string(this->name()) + ": needs at least one channel");
  if (max_burst_bytes == 0) throw std::invalid_argument(std::string(this->name()) + ": max_burst_bytes is 0");
  for (int c = 0; c < channels; ++c) {
    auto ch = std::make_unique<Channel>();
    ch->busy = std::make_unique<sc_core::sc_signal<bool>>(("busy" + std::to_string(c)).c_str(), false);
    ch->buffer.assign(max_burst_bytes, 0);
    ch->tag = new TransactionTag;
    ch->trans.set_extension(ch->tag);
    channels_.push_back(std::move(ch));
    sc_core::sc_spawn_options options;
    sc_core::sc_spawn([this, c] { run(c); }, ("channel" + std::to_string(c)).c_str(), &options);
  }
}

void Dma::submit(int channel, const DmaDescriptor& d) {
  Channel& ch = *channels_.at(static_cast<std::size_t>(channel));
  ch.queue.push_back(d);
  ch.wake.notify(sc_core::SC_ZERO_TIME);  // also from outside any process
}

bool Dma::idle(int channel) const {
  const Channel& ch = *channels_.at(static_cast<std::size_t>(channel));
  return !ch.running && ch.queue.empty();
}

Dma::Stats Dma::total_stats() const {
  Stats s;
  for (const auto& ch : channels_) {
    s.descriptors += ch->stats.descriptors;
    s.bursts += ch->stats.bursts;
    s.bytes += ch->stats.bytes;
    s.busy_ps += ch->stats.busy_ps;
  }
  return s;
}

void Dma::run(int channel) {
  Channel& ch = *channels_[static_cast<std::size_t>(channel)];
  for (;;) {
    while (ch.queue.empty()) sc_core::wait(ch.wake);
    const DmaDescriptor d = ch.queue.front();
    ch.queue.pop_front();
    ch.running = true;
    execute(channel, d);
  }
}

void Dma::execute(int channel, const DmaDescriptor& d) {
  Channel& ch = *channels_[static_cast<std::size_t>(channel)];
  ch.local.begin();
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  ch.busy->write(true);
  for (Bytes done_bytes = 0; done_bytes < d.bytes;) {
    const auto n = static_cast<unsigned>(std::min<Bytes>(max_burst_, d.bytes - done_bytes));
    const auto offset = static_cast<std::uint64_t>(done_bytes);
    burst(channel, tlm::TLM_READ_COMMAND, d.src + offset, n, d);
    burst(channel, tlm::TLM_WRITE_COMMAND, d.dst + offset, n, d);
    done_bytes += n;
  }
  ch.local.end();
  const sc_core::sc_time finish = sc_core::sc_time_stamp();
  ++ch.stats.descriptors;
  ch.stats.bytes += static_cast<std::uint64_t>(d.bytes);
  ch.stats.busy_ps += to_ps(finish - start);
  ch.busy->write(false);
  ch.running = false;  // before the callback, so it may submit the next descriptor
  done.notify(sc_core::SC_ZERO_TIME);
  if (on_done) on_done(channel, d, start, finish);
}

void Dma::burst(int channel, tlm::tlm_command command, std::uint64_t address, unsigned bytes,
                const DmaDescriptor& d) {
  Channel& ch = *channels_[static_cast<std::size_t>(channel)];
  prepare_payload(ch.trans, command, address, ch.buffer.data(), bytes);
  ch.tag->tag = d.tag;
  sc_core::sc_time delay = ch.local.transport_delay();
  socket->b_transport(ch.trans, delay);
  ++ch.stats.bursts;
  if (!ch.trans.is_response_ok())
    SC_REPORT_ERROR(name(),
                    ("channel " + std::to_string(channel) + ", descriptor " + std::to_string(d.tag) + ": " +
                     (command == tlm::TLM_READ_COMMAND ? "read" : "write") + " of " + std::to_string(bytes) +
                     " bytes at " + std::to_string(address) + " failed: " + ch.trans.get_response_string())
                        .c_str());
  ch.local.after_transport(delay);
}

}  // namespace cnnsched
