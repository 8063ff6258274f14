#include <cmath>

#include <cnnsched/sched/io/dram_io.hpp>

namespace cnnsched {

namespace {

std::int64_t ranged(const JsonFields& f, const char* key, std::int64_t fallback, bool required,
                    std::int64_t lo, std::int64_t hi) {
  if (!f.has(key) && !required) return fallback;
  const std::int64_t v = f.required_int(key);
  if (v < lo || v > hi)
    throw f.error(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                           std::to_string(v));
  return v;
}

Time read_clock(const JsonFields& f, Time fallback, bool required) {
  const bool mhz = f.has("clock_mhz");
  const bool ps = f.has("cycle_ps");
  if (mhz && ps) throw f.error("clock_mhz", "give the clock as at most one of clock_mhz or cycle_ps");
  if (ps) return ranged(f, "cycle_ps", 0, true, 1, 1000000);
  if (!mhz) {
    if (required) throw f.error("clock_mhz", "is required without a preset (or give cycle_ps)");
    return fallback;
  }
  const double period = 1e6 / f.required_positive_number("clock_mhz");
  if (period < 1 || period > 1000000) throw f.error("clock_mhz", "must be between 1 and 1000000 MHz");
  return static_cast<Time>(std::llround(period));  // DRAM clocks are rarely whole ps: rounded
}

}  // namespace

DramConfig read_dram_config(const JsonFields& f) {
  f.allow_only({"preset", "channels", "banks", "row_bytes", "bus_bytes", "burst_length", "clock_mhz",
                "cycle_ps", "cl", "trcd", "trp", "refresh", "trefi_ns", "trfc_ns", "interleave_bytes",
                "bytes", "base", "dma_channels", "comment"});
  const bool preset = f.has("preset");
  DramConfig c;
  DramSpec& d = c.spec;
  if (preset) d = dram_preset(f.required_string("preset"), f.source(), f.field("preset"));
  const bool need = !preset;
  d.channels = static_cast<int>(ranged(f, "channels", d.channels, need, 1, 64));
  d.banks = static_cast<int>(ranged(f, "banks", d.banks, need, 1, 256));
  d.row_bytes = ranged(f, "row_bytes", d.row_bytes, need, 1, Bytes{1} << 20);
  d.bus_bytes = ranged(f, "bus_bytes", d.bus_bytes, need, 1, 128);
  d.burst_length = static_cast<int>(ranged(f, "burst_length", d.burst_length, need, 2, 64));
  d.cycle_ps = read_clock(f, d.cycle_ps, need);
  d.cl = static_cast<int>(ranged(f, "cl", d.cl, need, 1, 1000));
  d.trcd = static_cast<int>(ranged(f, "trcd", d.trcd, need, 1, 1000));
  d.trp = static_cast<int>(ranged(f, "trp", d.trp, need, 1, 1000));
  d.interleave_bytes = ranged(f, "interleave_bytes", d.interleave_bytes, false, 1, Bytes{1} << 20);
  d.trefi_ps = ranged(f, "trefi_ns", d.trefi_ps / 1000, false, 0, 1000000) * 1000;
  d.trfc_ps = ranged(f, "trfc_ns", d.trfc_ps / 1000, false, 0, 1000000) * 1000;
  if (!f.optional_bool("refresh", preset)) d.trefi_ps = d.trfc_ps = 0;
  d.bytes = ranged(f, "bytes", d.bytes, false, 1, Bytes{1} << 40);
  d.base = static_cast<std::uint64_t>(
      ranged(f, "base", static_cast<std::int64_t>(d.base), false, 0, std::int64_t{1} << 50));
  c.dma_channels = static_cast<int>(ranged(f, "dma_channels", c.dma_channels, false, 1, 64));
  d.check(f.source(), f.path().empty() ? "dram" : f.path());
  return c;
}

}  // namespace cnnsched
