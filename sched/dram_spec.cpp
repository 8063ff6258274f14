#include <algorithm>

#include <cnnsched/sched/dram_spec.hpp>
#include <cnnsched/sched/errors.hpp>

namespace cnnsched {

double DramSpec::peak_bytes_per_second() const {
  return static_cast<double>(channels) * static_cast<double>(bytes_per_cycle()) * 1e12 /
         static_cast<double>(cycle_ps);
}

DramSpec::Location DramSpec::locate(std::uint64_t local_address) const {
  const auto ch = static_cast<std::uint64_t>(channels);
  const auto il = static_cast<std::uint64_t>(interleave_bytes);
  const std::uint64_t chunk = local_address / il;
  Location loc;
  loc.channel = static_cast<int>(chunk % ch);
  // The address inside the channel: its chunks packed together.
  const std::uint64_t in_channel = (chunk / ch) * il + local_address % il;
  const std::uint64_t row_index = in_channel / static_cast<std::uint64_t>(row_bytes);
  loc.bank = static_cast<int>(row_index % static_cast<std::uint64_t>(banks));
  loc.row = static_cast<std::int64_t>(row_index / static_cast<std::uint64_t>(banks));
  loc.row_offset = static_cast<Bytes>(in_channel % static_cast<std::uint64_t>(row_bytes));
  return loc;
}

Time DramSpec::access_time(Bytes n, RowState state) const {
  const Time first = state == RowState::kHit      ? hit_time()
                     : state == RowState::kClosed ? closed_time()
                                                  : conflict_time();
  const Bytes columns = (n + column_bytes() - 1) / column_bytes();
  return first + (columns - 1) * column_time();
}

Time DramSpec::idle_transaction_time(std::uint64_t local_address, Bytes n) const {
  const auto chunk = static_cast<std::uint64_t>(interleave_bytes);
  const std::uint64_t end = local_address + static_cast<std::uint64_t>(n);
  Time longest = 0;
  for (std::uint64_t a = local_address; a < end;) {
    const std::uint64_t next = std::min(end, (a / chunk + 1) * chunk);
    longest = std::max(longest, access_time(static_cast<Bytes>(next - a), RowState::kClosed));
    a = next;
  }
  return longest;
}

DramSpec::Actions DramSpec::idle_transaction_actions(std::uint64_t local_address, Bytes n) const {
  const auto chunk = static_cast<std::uint64_t>(interleave_bytes);
  const std::uint64_t end = local_address + static_cast<std::uint64_t>(n);
  Actions a;
  for (std::uint64_t x = local_address; x < end;) {
    const std::uint64_t next = std::min(end, (x / chunk + 1) * chunk);
    a.columns += (static_cast<Bytes>(next - x) + column_bytes() - 1) / column_bytes();
    ++a.activations;
    x = next;
  }
  return a;
}

void DramSpec::check(const std::string& source, const std::string& field) const {
  auto fail = [&](const std::string& key, const std::string& what) {
    throw InputError(source, field.empty() ? key : field + "." + key, what);
  };
  if (channels < 1 || channels > 64) fail("channels", "must be between 1 and 64");
  if (banks < 1 || banks > 256) fail("banks", "must be between 1 and 256");
  if (bus_bytes < 1 || bus_bytes > 128) fail("bus_bytes", "must be between 1 and 128");
  if (burst_length < 2 || burst_length > 64 || burst_length % 2 != 0)
    fail("burst_length", "must be an even number between 2 and 64");
  if (row_bytes < column_bytes() || row_bytes % column_bytes() != 0 || row_bytes > (Bytes{1} << 20))
    fail("row_bytes", "must be a multiple of bus_bytes x burst_length (" + std::to_string(column_bytes()) +
                          ") and at most 1 MiB");
  if (interleave_bytes < 1 || row_bytes % interleave_bytes != 0)
    fail("interleave_bytes", "must divide row_bytes (" + std::to_string(row_bytes) + ")");
  if (cycle_ps < 1 || cycle_ps > 1000000) fail("cycle_ps", "must be between 1 and 1000000 ps");
  for (const auto& [key, v] : {std::pair<const char*, int>{"cl", cl}, {"trcd", trcd}, {"trp", trp}})
    if (v < 1 || v > 1000) fail(key, "must be between 1 and 1000 cycles");
  if (trefi_ps < 0 || trfc_ps < 0 || (trefi_ps > 0 && trfc_ps >= trefi_ps))
    fail("trfc_ns", "refresh needs 0 <= tRFC < tREFI");
  if (bytes < row_bytes * banks * channels || bytes > (Bytes{1} << 40))
    fail("bytes", "must hold at least one row per bank and be at most 1 TiB");
}

std::vector<std::string> dram_preset_names() { return {"ddr4-3200", "lpddr4-4266", "hbm2"}; }

DramSpec dram_preset(const std::string& name, const std::string& source, const std::string& field) {
  DramSpec d;
  d.preset = name;
  if (name == "ddr4-3200") {
    // JEDEC JESD79-4B, speed bin DDR4-3200AA: tCK 0.625 ns, CL 22, tRCD = tRP =
    // 13.75 ns (22 nCK); BL8; 16 banks (4 bank groups x 4). A x64 rank of eight
    // x8 devices: 1 KB page per device, 8 KB per rank. Refresh (8 Gb, normal
    // temperature): tREFI 7.8 us, tRFC1 350 ns.
    d.channels = 1, d.banks = 16, d.row_bytes = 8192, d.bus_bytes = 8, d.burst_length = 8;
    d.cycle_ps = 625, d.cl = 22, d.trcd = 22, d.trp = 22;
    d.trefi_ps = 7800000, d.trfc_ps = 350000;
  } else if (name == "lpddr4-4266") {
    // JEDEC JESD209-4B, LPDDR4-4266: tCK 0.468 ns (2133 MHz; 469 ps here, as
    // times are whole picoseconds), RL 36 (DBI off), tRCD = tRPpb = max(18 ns,
    // 4 nCK) = 39 nCK at 469 ps; BL16; a x32 part is two x16 channels of
    // 8 banks with 2 KB pages. Refresh: tREFI 3.904 us, tRFCab 280 ns (8 Gb per channel).
    d.channels = 2, d.banks = 8, d.row_bytes = 2048, d.bus_bytes = 2, d.burst_length = 16;
    d.cycle_ps = 469, d.cl = 36, d.trcd = 39, d.trp = 39;
    d.interleave_bytes = 64;
    d.trefi_ps = 3904000, d.trfc_ps = 280000;
  } else if (name == "hbm2") {
    // JEDEC JESD235A, HBM2 at 2.0 Gb/s per pin (1 GHz clock), one pseudo-channel:
    // 64 bits wide, BL4 (32 B per column), 16 banks, 1 KB page. JESD235 leaves
    // CL/tRCD/tRP to the vendor; 14 ns each (14 nCK) is typical of 2 Gb/s parts.
    // Refresh: tREFI 3.9 us, tRFC 350 ns (8 Gb).
    d.channels = 1, d.banks = 16, d.row_bytes = 1024, d.bus_bytes = 8, d.burst_length = 4;
    d.cycle_ps = 1000, d.cl = 14, d.trcd = 14, d.trp = 14;
    d.interleave_bytes = 32;
    d.trefi_ps = 3900000, d.trfc_ps = 350000;
  } else {
    std::string allowed;
    for (const std::string& n : dram_preset_names()) allowed += (allowed.empty() ? "" : ", ") + n;
    throw InputError(source, field, "unknown DRAM preset '" + name + "'; allowed: " + allowed);
  }
  return d;
}

}  // namespace cnnsched
