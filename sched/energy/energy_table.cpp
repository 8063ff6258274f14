#include <array>
#include <cmath>
#include <utility>

#include <cnnsched/sched/energy/energy_table.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched {

namespace {

// Sources in energy_table.hpp.
constexpr double kMac8Pj = 0.03 + 0.2;
constexpr double kMac16Pj = 0.05 + 0.8;
constexpr double kMac32Pj = 0.1 + 3.1;
constexpr double kInterconnectBytePj = 2 * kMac16Pj / 2;
constexpr double kDram64BitPj = 1300;
constexpr double kDramActivationPj = 2600 - 1300;
constexpr std::array<std::pair<double, double>, 3> kSram64Bit{{{8192, 10}, {32768, 20}, {1048576, 100}}};

}  // namespace

double sram_access_pj_64bit(double bytes) {
  const std::size_t seg = bytes <= kSram64Bit[1].first ? 0 : 1;
  const auto [x0, y0] = kSram64Bit[seg];
  const auto [x1, y1] = kSram64Bit[seg + 1];
  const double f = std::log(bytes / x0) / std::log(x1 / x0);
  return std::exp(std::log(y0) + f * (std::log(y1) - std::log(y0)));
}

double EnergyTable::mac_pj_for(std::int64_t element_bytes) const {
  auto it = mac_pj.lower_bound(element_bytes);
  if (it != mac_pj.end()) return it->second;
  const auto& [largest, pj] = *mac_pj.rbegin();
  const double r = static_cast<double>(element_bytes) / static_cast<double>(largest);
  return pj * r * r;
}

EnergyTable energy_table(const Platform& p) {
  const EnergySpec& s = p.energy;
  EnergyTable t;
  t.mac_pj = {{1, kMac8Pj}, {2, kMac16Pj}, {4, kMac32Pj}};
  for (const auto& [bytes, pj] : s.mac_pj) t.mac_pj[bytes] = pj;
  const double sram = sram_access_pj_64bit(static_cast<double>(p.scratchpad_bytes)) *
                      static_cast<double>(p.scratchpad.bytes_per_cycle) / 8.0;
  t.scratchpad_read_pj = s.scratchpad_read_pj.value_or(sram);
  t.scratchpad_write_pj = s.scratchpad_write_pj.value_or(sram);
  t.interconnect_byte_pj = s.interconnect_byte_pj.value_or(kInterconnectBytePj);
  t.static_pe_mw = s.static_pe_mw.value_or(0);
  t.static_scratchpad_mw = s.static_scratchpad_mw.value_or(0);
  t.static_interconnect_mw = s.static_interconnect_mw.value_or(0);
  if (p.has_dram) {
    t.dram_burst_pj =
        s.dram_burst_pj.value_or(kDram64BitPj * static_cast<double>(p.dram.column_bytes()) / 8.0);
    t.dram_activation_pj = s.dram_activation_pj.value_or(kDramActivationPj);
    t.static_dma_mw = s.static_dma_mw.value_or(0);
    t.static_dram_mw = s.static_dram_mw.value_or(0);
  }
  return t;
}

}  // namespace cnnsched
