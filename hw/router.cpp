#include <algorithm>
#include <stdexcept>
#include <string>

#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>

namespace cnnsched {

Router::Router(sc_core::sc_module_name name, const PortTiming& timing, bool contention)
    : sc_core::sc_module(name),
      in("in"),
      out("out"),
      bytes_moved("bytes_moved", 0),
      timing_(timing),
      contention_(contention) {
  in.register_b_transport(this, &Router::b_transport);
  in.register_transport_dbg(this, &Router::transport_dbg);
  in.register_get_direct_mem_ptr(this, &Router::get_direct_mem_ptr);
  out.register_invalidate_direct_mem_ptr(this, &Router::invalidate_direct_mem_ptr);
}

void Router::map(unsigned target_port, std::uint64_t base, std::uint64_t size) {
  const std::string where = std::string(name()) + ": map(" + std::to_string(target_port) + ", " +
                            std::to_string(base) + ", " + std::to_string(size) + "): ";
  if (size == 0) throw std::invalid_argument(where + "empty range");
  if (base + size < base) throw std::invalid_argument(where + "range wraps around the address space");
  const std::uint64_t end = base + size;
  auto next = regions_.lower_bound(base);
  if (next != regions_.end() && next->first < end)
    throw std::invalid_argument(where + "overlaps the region at " + std::to_string(next->first));
  if (next != regions_.begin() && std::prev(next)->second.end > base)
    throw std::invalid_argument(where + "overlaps the region at " + std::to_string(std::prev(next)->first));
  regions_.emplace(base, Region{end, target_port});
  if (target_port >= target_stats_.size()) {
    target_stats_.resize(target_port + 1);
    port_busy_until_.resize(target_port + 1, sc_core::SC_ZERO_TIME);
  }
}

void Router::end_of_elaboration() {
  const unsigned targets = out.size();
  for (const auto& [base, region] : regions_)
    if (region.port >= targets)
      SC_REPORT_ERROR(name(), ("region at " + std::to_string(base) + " maps to target port " +
                               std::to_string(region.port) + " but only " + std::to_string(targets) +
                               " targets are bound")
                                  .c_str());
  target_stats_.resize(std::max<std::size_t>(target_stats_.size(), targets));
  port_busy_until_.resize(target_stats_.size(), sc_core::SC_ZERO_TIME);
  initiator_stats_.resize(in.size());
}

const Router::PortStats& Router::initiator_stats(unsigned port) const { return initiator_stats_.at(port); }
const Router::PortStats& Router::target_stats(unsigned port) const { return target_stats_.at(port); }

const std::pair<const std::uint64_t, Router::Region>* Router::decode(std::uint64_t address,
                                                                     std::uint64_t length) const {
  auto it = regions_.upper_bound(address);
  if (it == regions_.begin()) return nullptr;
  --it;  // the last region starting at or before address
  const std::uint64_t end = it->second.end;
  if (address >= end || length > end - address) return nullptr;
  return &*it;
}

void Router::b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const std::uint64_t global = trans.get_address();
  const unsigned length = trans.get_data_length();
  const auto* region = decode(global, std::max(length, 1u));
  if (region == nullptr) {
    ++decode_errors_;
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const unsigned port = region->second.port;
  const sc_core::sc_time occupancy = to_sc_time(timing_.occupancy(length));
  sc_core::sc_time wait = sc_core::SC_ZERO_TIME;
  if (contention_) {
    const sc_core::sc_time arrival = sc_core::sc_time_stamp() + delay;
    const sc_core::sc_time start = std::max(arrival, port_busy_until_[port]);
    wait = start - arrival;
    port_busy_until_[port] = start + occupancy;
  }
  delay += wait + occupancy + to_sc_time(timing_.latency_ps);

  const auto initiator = static_cast<std::size_t>(id);
  if (initiator >= initiator_stats_.size()) initiator_stats_.resize(initiator + 1);
  for (PortStats* s : {&initiator_stats_[initiator], &target_stats_[port]}) {
    ++s->transactions;
    s->bytes += length;
    s->busy += occupancy;
    s->contention_wait += wait;
  }

  trans.set_address(global - region->first);
  out[static_cast<int>(port)]->b_transport(trans, delay);
  trans.set_address(global);
  if (trans.is_response_ok()) {
    total_bytes_ += length;
    bytes_moved.write(total_bytes_);
  }
}

unsigned int Router::transport_dbg(int, tlm::tlm_generic_payload& trans) {
  const std::uint64_t global = trans.get_address();
  const auto* region = decode(global, std::max(trans.get_data_length(), 1u));
  if (region == nullptr) return 0;
  trans.set_address(global - region->first);
  const unsigned int done = out[static_cast<int>(region->second.port)]->transport_dbg(trans);
  trans.set_address(global);
  return done;
}

bool Router::get_direct_mem_ptr(int, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi) {
  const std::uint64_t global = trans.get_address();
  const auto* region = decode(global, 1);
  if (region == nullptr) {  // unmapped: deny for just this address
    dmi.allow_none();
    dmi.set_start_address(global);
    dmi.set_end_address(global);
    return false;
  }
  const std::uint64_t base = region->first, last = region->second.end - 1;
  trans.set_address(global - base);
  const bool granted = out[static_cast<int>(region->second.port)]->get_direct_mem_ptr(trans, dmi);
  trans.set_address(global);
  // The target's local range (which holds the requested address), in global
  // addresses, its end clipped to the region.
  dmi.set_start_address(dmi.get_start_address() + base);
  dmi.set_end_address(std::min<std::uint64_t>(dmi.get_end_address(), last - base) + base);
  if (granted) {
    // A DMI access bypasses the router's ports (no contention) but not its latency.
    dmi.set_read_latency(dmi.get_read_latency() + to_sc_time(timing_.latency_ps));
    dmi.set_write_latency(dmi.get_write_latency() + to_sc_time(timing_.latency_ps));
  }
  return granted;
}

void Router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
  // Every region of that target port that overlaps the local range, in global addresses.
  for (const auto& [base, region] : regions_) {
    if (region.port != static_cast<unsigned>(port)) continue;
    const std::uint64_t size = region.end - base;
    if (start >= size) continue;
    const std::uint64_t local_end = std::min<std::uint64_t>(end, size - 1);
    for (unsigned i = 0; i < in.size(); ++i)
      in[static_cast<int>(i)]->invalidate_direct_mem_ptr(base + start, base + local_end);
  }
}

}  // namespace cnnsched
