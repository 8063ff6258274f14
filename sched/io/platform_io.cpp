// Reads platform descriptions (format in platform.hpp).
#include <cmath>
#include <set>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/dram_io.hpp>
#include <cnnsched/sched/io/energy_io.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched {

namespace {

// The simulator runs one SystemC thread (with its own stack) per PE and holds
// the scratchpad's bytes in memory, which bounds both.
constexpr std::int64_t kMaxPes = 1024;                       // in total
constexpr std::int64_t kMaxRate = std::int64_t{1} << 32;     // MACs or bytes per cycle
constexpr std::int64_t kMaxLatency = std::int64_t{1} << 20;  // cycles
// Clocks of at least 1 MHz: with the network bounds (network.cpp) every time
// in picoseconds stays far below 2^63.
constexpr std::int64_t kMaxCyclePs = 1000000;
// A burst is one TLM transaction with a 32-bit length.
constexpr std::int64_t kMaxBurstBytes = std::int64_t{1} << 24;

// The clock period in ps, from "clock_mhz" or "cycle_ps" (exactly one of them).
Time read_cycle_ps(const JsonFields& f) {
  const bool mhz = f.has("clock_mhz");
  const bool ps = f.has("cycle_ps");
  if (mhz == ps) throw f.error("clock_mhz", "give the clock as exactly one of clock_mhz or cycle_ps");
  if (ps) {
    const Time cycle = f.required_positive_int("cycle_ps");
    if (cycle > kMaxCyclePs)
      throw f.error("cycle_ps", "must be at most 1000000 ps (a clock of at least 1 MHz)");
    return cycle;
  }
  const double clock = f.required_positive_number("clock_mhz");
  const double period = 1e6 / clock;
  const double rounded = std::round(period);
  if (period > kMaxCyclePs)
    throw f.error("clock_mhz", "must be at least 1 MHz (the model's times must fit in 64 bits)");
  if (rounded < 1 || std::fabs(period - rounded) > 1e-6 * period)
    throw f.error("clock_mhz", "a clock of " + f.json()["clock_mhz"].dump() +
                                   " MHz has a period that is not a whole number of picoseconds (1e6 / MHz); "
                                   "use e.g. 500, 250, 1000 or 800 MHz, or give cycle_ps");
  return static_cast<Time>(rounded);
}

std::int64_t read_rate(const JsonFields& f, const std::string& key) {
  const std::int64_t v = f.required_positive_int(key);
  if (v > kMaxRate) throw f.error(key, "must be at most " + std::to_string(kMaxRate));
  return v;
}

PortTiming read_port(const JsonFields& f) {
  PortTiming port;
  port.cycle_ps = read_cycle_ps(f);
  port.bytes_per_cycle = read_rate(f, "bytes_per_cycle");
  const std::int64_t latency = f.required_nonnegative_int("latency_cycles");
  if (latency > kMaxLatency)
    throw f.error("latency_cycles", "must be at most " + std::to_string(kMaxLatency));
  port.latency_ps = latency * port.cycle_ps;
  return port;
}

// An optional "base" address (fallback when absent), at most kMaxBaseAddress
// and a multiple of `align`.
std::uint64_t read_base(const JsonFields& f, std::uint64_t fallback, std::uint64_t align) {
  if (!f.has("base")) return fallback;
  const auto base = static_cast<std::uint64_t>(f.required_nonnegative_int("base"));
  if (base > Platform::kMaxBaseAddress)
    throw f.error("base", "must be at most 2^50 = " + std::to_string(Platform::kMaxBaseAddress));
  if (base % align != 0) throw f.error("base", "must be a multiple of " + std::to_string(align));
  return base;
}

// One clear error for overlapping address ranges, at the base of the last
// section that gives one (else the last section).
void check_address_map(const Platform& p, const JsonFields& root) {
  const std::string overlap = p.address_overlap();
  if (overlap.empty()) return;
  std::string blame = "scratchpad";
  for (const char* section : {"scratchpad", "dram", "registers"})
    if (root.has(section) && root.json()[section].is_object() && root.json()[section].contains("base"))
      blame = section;
  throw root.object(blame).error("base", overlap + "; give the sections disjoint base addresses");
}

}  // namespace

Platform parse_platform(const nlohmann::json& config, const std::string& source) {
  const JsonFields root(config, source);
  root.allow_only({"name", "pes", "scratchpad", "interconnect", "dram", "registers", "energy", "comment"});
  Platform p;
  p.name = root.optional_string("name", "platform");

  const auto entries = root.objects("pes");
  if (entries.empty()) throw root.error("pes", "must list at least one PE");
  std::set<std::string> names;
  for (const JsonFields& f : entries) {
    f.allow_only({"name", "count", "macs_per_cycle", "clock_mhz", "cycle_ps", "comment"});
    const std::string name = f.required_string("name");
    if (name.empty()) throw f.error("name", "must not be empty");
    const std::int64_t count = f.optional_positive_int("count", 1);
    if (count > kMaxPes - static_cast<std::int64_t>(p.pes.size()))
      throw f.error("count", "too many PEs: at most " + std::to_string(kMaxPes) + " in total");
    PeSpec pe;
    pe.macs_per_cycle = read_rate(f, "macs_per_cycle");
    pe.cycle_ps = read_cycle_ps(f);
    for (std::int64_t i = 0; i < count; ++i) {
      pe.name = count > 1 ? name + std::to_string(i) : name;
      if (!names.insert(pe.name).second)
        throw f.error("name",
                      "PE name '" + pe.name + "' is used twice (count n expands to name0 .. name{n-1})");
      p.pes.push_back(pe);
    }
  }

  const JsonFields pad = root.object("scratchpad");
  pad.allow_only({"bytes", "bytes_per_cycle", "latency_cycles", "clock_mhz", "cycle_ps", "base", "comment"});
  p.scratchpad_bytes = pad.required_positive_int("bytes");
  if (p.scratchpad_bytes > Platform::kMaxScratchpadBytes)
    throw pad.error("bytes", "must be at most " + std::to_string(Platform::kMaxScratchpadBytes) + " (1 GiB)");
  p.scratchpad = read_port(pad);
  p.scratchpad_base = read_base(pad, p.scratchpad_base, 1);

  const JsonFields bus = root.object("interconnect");
  bus.allow_only({"bytes_per_cycle", "latency_cycles", "clock_mhz", "cycle_ps", "contention",
                  "max_burst_bytes", "quantum_ns", "comment"});
  p.interconnect = read_port(bus);
  p.contention = bus.optional_bool("contention", true);
  p.max_burst_bytes = bus.optional_positive_int("max_burst_bytes", Platform::kDefaultMaxBurstBytes);
  if (p.max_burst_bytes > kMaxBurstBytes)
    throw bus.error("max_burst_bytes", "must be at most " + std::to_string(kMaxBurstBytes));
  constexpr std::int64_t kMaxQuantumNs = 1'000'000'000;  // 1 s
  const std::int64_t quantum_ns = bus.optional_nonnegative_int("quantum_ns", 0);
  if (quantum_ns > kMaxQuantumNs)
    throw bus.error("quantum_ns", "must be at most " + std::to_string(kMaxQuantumNs) + " (1 s)");
  p.quantum_ps = quantum_ns * 1000;
  if (root.has("dram")) {
    const DramConfig dram = read_dram_config(root.object("dram"));
    p.has_dram = true;
    p.dram = dram.spec;
    p.dma_channels = dram.dma_channels;
  }
  if (root.has("registers")) {
    const JsonFields regs = root.object("registers");
    regs.allow_only({"base", "comment"});
    p.register_base = read_base(regs, p.register_base, 4);  // 32-bit registers
  }
  if (root.has("energy")) p.energy = read_energy_config(root.object("energy"));
  check_address_map(p, root);
  return p;
}

Platform load_platform(const std::string& path) { return parse_platform(read_json_file(path), path); }

}  // namespace cnnsched
