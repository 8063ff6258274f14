#include <stdexcept>

#include <cnnsched/hw/bursts.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/tlm_payload.hpp>
#include <cnnsched/hw/traffic_generator.hpp>

namespace cnnsched {

TrafficGenerator::TrafficGenerator(sc_core::sc_module_name name, const TrafficConfig& config)
    : sc_core::sc_module(name), socket("socket"), config_(config), data_(config.bytes, 0) {
  if (config.bytes == 0) throw std::invalid_argument(std::string(this->name()) + ": transfer size 0");
  if (config.max_burst_bytes == 0) throw std::invalid_argument(std::string(this->name()) + ": burst size 0");
  if (config.range < config.bytes)
    throw std::invalid_argument(std::string(this->name()) + ": address range smaller than one transfer");
  SC_THREAD(run);
}

void TrafficGenerator::run() {
  const std::uint64_t slots = config_.range / config_.bytes;
  const sc_core::sc_time period = to_sc_time(config_.period_ps);
  wait(to_sc_time(config_.start_ps));
  tlm::tlm_generic_payload trans;
  for (std::uint64_t i = 0; i < config_.count; ++i) {
    const sc_core::sc_time issue = sc_core::sc_time_stamp();
    const std::uint64_t address = config_.base + (i % slots) * config_.bytes;
    bool ok = true;
    for_each_burst(config_.bytes, config_.max_burst_bytes, [&](std::uint64_t offset, std::uint32_t n) {
      prepare_payload(trans, config_.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, address + offset,
                      data_.data() + offset, n);
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket->b_transport(trans, delay);
      ++bursts_;
      ok = ok && trans.is_response_ok();
      total_latency_ += delay;
      wait(delay);
    });
    ++issued_;
    if (!ok) ++errors_;
    const sc_core::sc_time next = issue + period;
    if (next > sc_core::sc_time_stamp()) wait(next - sc_core::sc_time_stamp());
  }
  finish_ = sc_core::sc_time_stamp();
  finished.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace cnnsched
