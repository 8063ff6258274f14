#include <cmath>
#include <string>

#include <cnnsched/sched/io/energy_io.hpp>

namespace cnnsched {

namespace {

constexpr std::int64_t kMaxElementBytes = 64;  // the network format's bound

double energy_value(const JsonFields& f, const std::string& key, const char* unit) {
  const nlohmann::json& v = f.json()[key];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0)
    throw f.error(key, std::string("must be a number >= 0 (") + unit + "), got " + v.dump());
  return v.get<double>();
}

void read_optional(const JsonFields& f, const char* key, const char* unit, std::optional<double>& out) {
  if (f.has(key)) out = energy_value(f, key, unit);
}

}  // namespace

EnergySpec read_energy_config(const JsonFields& f) {
  f.allow_only({"mac_pj", "scratchpad_read_pj", "scratchpad_write_pj", "interconnect_byte_pj",
                "dram_burst_pj", "dram_activation_pj", "static_mw", "comment"});
  EnergySpec s;
  if (f.has("mac_pj")) {
    const JsonFields mac = f.object("mac_pj");
    for (const auto& item : mac.json().items()) {
      const std::string& key = item.key();
      if (key == "comment") continue;
      std::int64_t bytes = 0;
      const bool digits =
          !key.empty() && key.size() <= 2 && key.find_first_not_of("0123456789") == std::string::npos;
      if (digits) bytes = std::stoll(key);
      if (!digits || bytes < 1 || bytes > kMaxElementBytes)
        throw mac.error(key,
                        "unknown field; allowed here: element sizes in bytes, \"1\" to \"64\" (e.g. \"1\", "
                        "\"2\", \"4\"), and comment");
      s.mac_pj[bytes] = energy_value(mac, key, "pJ per MAC");
    }
  }
  read_optional(f, "scratchpad_read_pj", "pJ per access of the port width", s.scratchpad_read_pj);
  read_optional(f, "scratchpad_write_pj", "pJ per access of the port width", s.scratchpad_write_pj);
  read_optional(f, "interconnect_byte_pj", "pJ per byte", s.interconnect_byte_pj);
  read_optional(f, "dram_burst_pj", "pJ per column access", s.dram_burst_pj);
  read_optional(f, "dram_activation_pj", "pJ per row activation", s.dram_activation_pj);
  if (f.has("static_mw")) {
    const JsonFields st = f.object("static_mw");
    st.allow_only({"pe", "scratchpad", "interconnect", "dma", "dram", "comment"});
    read_optional(st, "pe", "mW per PE", s.static_pe_mw);
    read_optional(st, "scratchpad", "mW", s.static_scratchpad_mw);
    read_optional(st, "interconnect", "mW", s.static_interconnect_mw);
    read_optional(st, "dma", "mW", s.static_dma_mw);
    read_optional(st, "dram", "mW", s.static_dram_mw);
  }
  return s;
}

}  // namespace cnnsched
