#include <algorithm>
#include <cstring>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/transaction_tag.hpp>

namespace cnnsched {

namespace {
constexpr std::uint64_t kPageBytes = 4096;
}

Dram::Dram(sc_core::sc_module_name name, const DramSpec& spec, bool store_bytes, bool contention)
    : sc_core::sc_module(name),
      socket("socket"),
      bytes_moved("bytes_moved", 0),
      spec_(spec),
      store_bytes_(store_bytes),
      contention_(contention),
      banks_(static_cast<std::size_t>(spec.channels * spec.banks)),
      bus_free_at_(static_cast<std::size_t>(spec.channels), 0) {
  spec_.check(std::string(this->name()), "");
  socket.register_b_transport(this, &Dram::b_transport);
  socket.register_transport_dbg(this, &Dram::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &Dram::get_direct_mem_ptr);
  SC_METHOD(publish);
  sensitive << changed_;
  dont_initialize();
}

tlm::tlm_response_status Dram::check(const tlm::tlm_generic_payload& trans) const {
  if (trans.get_data_ptr() == nullptr || trans.get_data_length() == 0) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  if (trans.get_byte_enable_ptr() != nullptr) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  if (trans.get_streaming_width() < trans.get_data_length()) return tlm::TLM_BURST_ERROR_RESPONSE;
  const auto size = static_cast<std::uint64_t>(spec_.bytes);
  if (trans.get_address() >= size || trans.get_data_length() > size - trans.get_address())
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  return tlm::TLM_OK_RESPONSE;
}

Time Dram::access_chunk(std::uint64_t address, Bytes n, Time arrival, Actions& actions) {
  const DramSpec::Location loc = spec_.locate(address);
  Bank& bank = banks_[static_cast<std::size_t>(loc.channel * spec_.banks + loc.bank)];
  Time t = arrival;
  if (spec_.trefi_ps > 0 && contention_) {
    const std::int64_t epoch = t / spec_.trefi_ps;
    const Time window_end = epoch * spec_.trefi_ps + spec_.trfc_ps;
    if (epoch > 0 && t < window_end) {
      t = window_end;
      ++stats_.refresh_waits;
    }
    if (epoch != bank.refresh_epoch) {
      bank.open_row = -1;  // a refresh precharged every bank
      bank.refresh_epoch = epoch;
    }
  }
  DramSpec::RowState state = DramSpec::RowState::kHit;
  if (bank.open_row == loc.row) {
    ++stats_.row_hits;
  } else if (bank.open_row < 0) {
    state = DramSpec::RowState::kClosed;
    ++stats_.row_misses;
  } else {
    state = DramSpec::RowState::kConflict;
    ++stats_.row_conflicts;
  }
  bank.open_row = loc.row;
  const Time access = spec_.access_time(n, state);
  const Bytes columns = (n + spec_.column_bytes() - 1) / spec_.column_bytes();
  const Time data = columns * spec_.column_time();
  stats_.columns += static_cast<std::uint64_t>(columns);
  actions.columns += static_cast<std::uint64_t>(columns);
  // As timed: with contention off every chunk finds its bank precharged.
  if (!contention_ || state != DramSpec::RowState::kHit) ++actions.activations;
  stats_.data_busy_ps += data;
  if (!contention_) return t + access;
  // The bank issues its commands in order; a column command may follow the
  // previous one after BL/2 (so an open row streams), and the data, CL after
  // the column command, needs the channel's bus.
  Time& bus = bus_free_at_[static_cast<std::size_t>(loc.channel)];
  const Time command = std::max(t, bank.ready_at);
  const Time column = command + (access - data - spec_.cl * spec_.cycle_ps);  // after tRP / tRCD
  const Time data_start = std::max(column + spec_.cl * spec_.cycle_ps, bus);
  const Time finish = data_start + data;
  bus = finish;
  bank.ready_at = column + data;
  return finish;
}

void Dram::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const tlm::tlm_response_status status = check(trans);
  trans.set_response_status(status);
  if (status != tlm::TLM_OK_RESPONSE) {
    ++stats_.errors;
    return;
  }
  if (!trans.is_read() && !trans.is_write()) return;  // TLM_IGNORE_COMMAND: no data, no time
  const Time arrival = to_ps(sc_core::sc_time_stamp() + delay);
  const std::uint64_t first = trans.get_address();
  const std::uint64_t end = first + trans.get_data_length();
  const auto chunk = static_cast<std::uint64_t>(spec_.interleave_bytes);
  Time finish = arrival;
  Actions& actions = tag_actions_[transaction_tag(trans)];
  for (std::uint64_t a = first; a < end;) {
    const std::uint64_t next = std::min(end, (a / chunk + 1) * chunk);
    finish = std::max(finish, access_chunk(a, static_cast<Bytes>(next - a), arrival, actions));
    a = next;
  }
  // Without contention the DRAM is idle for every transaction (the cost
  // model's assumption); the row outcomes above are still counted.
  if (!contention_) finish = arrival + spec_.idle_transaction_time(first, static_cast<Bytes>(end - first));
  if (store_bytes_) copy(trans);
  const unsigned length = trans.get_data_length();
  if (trans.is_read()) {
    ++stats_.reads;
    stats_.bytes_read += length;
  } else {
    ++stats_.writes;
    stats_.bytes_written += length;
  }
  delay += to_sc_time(finish - arrival);
  changed_.notify(sc_core::SC_ZERO_TIME);
}

unsigned char* Dram::page(std::uint64_t index, bool create) {
  auto it = pages_.find(index);
  if (it != pages_.end()) return it->second.get();
  if (!create) return nullptr;
  auto& p = pages_[index];
  p.reset(new unsigned char[kPageBytes]());
  return p.get();
}

void Dram::copy(tlm::tlm_generic_payload& trans) {
  unsigned char* data = trans.get_data_ptr();
  std::uint64_t a = trans.get_address();
  std::uint64_t left = trans.get_data_length();
  while (left > 0) {
    const std::uint64_t offset = a % kPageBytes;
    const std::uint64_t n = std::min(left, kPageBytes - offset);
    unsigned char* p = page(a / kPageBytes, trans.is_write());
    if (trans.is_write())
      std::memcpy(p + offset, data, n);
    else if (p != nullptr)
      std::memcpy(data, p + offset, n);
    else
      std::memset(data, 0, n);  // never written: reads as zeros
    data += n;
    a += n;
    left -= n;
  }
}

bool Dram::get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi) {
  const std::uint64_t address = trans.get_address();
  const std::uint64_t first = address - address % kPageBytes;
  const bool inside = address < static_cast<std::uint64_t>(spec_.bytes);
  dmi.set_start_address(inside ? first : address);
  dmi.set_end_address(inside ? std::min<std::uint64_t>(first + kPageBytes, spec_.bytes) - 1 : address);
  if (!store_bytes_ || !inside) {  // timing mode has no bytes to point at
    dmi.allow_none();
    return false;
  }
  dmi.set_dmi_ptr(page(address / kPageBytes, /*create=*/true));
  dmi.allow_read_write();
  // One burst into a closed row: the usual first access of a DMI user.
  dmi.set_read_latency(to_sc_time(spec_.closed_time()));
  dmi.set_write_latency(to_sc_time(spec_.closed_time()));
  return true;
}

unsigned int Dram::transport_dbg(tlm::tlm_generic_payload& trans) {
  if (check(trans) != tlm::TLM_OK_RESPONSE || !store_bytes_) return 0;
  if (!trans.is_read() && !trans.is_write()) return 0;
  copy(trans);
  return trans.get_data_length();
}

Dram::Actions Dram::tag_actions(std::int64_t tag) const {
  const auto it = tag_actions_.find(tag);
  return it == tag_actions_.end() ? Actions{} : it->second;
}

void Dram::publish() { bytes_moved.write(stats_.bytes_read + stats_.bytes_written); }

}  // namespace cnnsched
