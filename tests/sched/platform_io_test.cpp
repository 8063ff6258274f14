#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched::platform_io_test {
namespace {

using nlohmann::json;

std::string config(const char* name) {
  return std::string(CNNSCHED_SOURCE_DIR) + "/configs/platforms/" + name;
}

json minimal() {
  return {
      {"pes", {{{"name", "pe"}, {"count", 2}, {"macs_per_cycle", 4}, {"clock_mhz", 250}}}},
      {"scratchpad", {{"bytes", 1024}, {"bytes_per_cycle", 4}, {"latency_cycles", 3}, {"clock_mhz", 1000}}},
      {"interconnect", {{"bytes_per_cycle", 2}, {"latency_cycles", 1}, {"cycle_ps", 1500}}}};
}

void expect_error(const json& cfg, const std::string& field) {
  try {
    parse_platform(cfg, "p.json");
    ADD_FAILURE() << "no InputError for " << field;
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find("p.json"), std::string::npos);
  }
}

TEST(PlatformIo, ConvertsCyclesToPicoseconds) {
  const Platform p = parse_platform(minimal(), "p.json");
  ASSERT_EQ(p.pes.size(), 2u);
  EXPECT_EQ(p.pe_names(), (std::vector<std::string>{"pe0", "pe1"}));
  EXPECT_EQ(p.pes[0].cycle_ps, 4000);
  EXPECT_EQ(p.pes[1].macs_per_cycle, 4);
  EXPECT_EQ(p.scratchpad_bytes, 1024);
  EXPECT_EQ(p.scratchpad.cycle_ps, 1000);
  EXPECT_EQ(p.scratchpad.latency_ps, 3000);
  EXPECT_EQ(p.interconnect.cycle_ps, 1500);
  EXPECT_EQ(p.interconnect.latency_ps, 1500);
  EXPECT_TRUE(p.contention);  // the default
  // 10 bytes: interconnect 1500 + 5 * 1500, scratchpad 3000 + 3 * 1000.
  EXPECT_EQ(p.access_time(10), 9000 + 6000);
}

TEST(PlatformIo, AccessesAreSummedOverBursts) {
  json cfg = minimal();
  EXPECT_EQ(parse_platform(cfg, "p.json").max_burst_bytes, 64);  // the default
  const Platform p = parse_platform(cfg, "p.json");
  // Bursts of 64, 64 and 22 bytes. 64: interconnect 1500 + 32 * 1500, scratchpad 3000 + 16 * 1000;
  // 22: 1500 + 11 * 1500 and 3000 + 6 * 1000.
  EXPECT_EQ(p.access_time(150), 2 * (49500 + 19000) + (18000 + 9000));
  cfg["interconnect"]["max_burst_bytes"] = 256;
  EXPECT_EQ(parse_platform(cfg, "p.json").access_time(150), 1500 + 75 * 1500 + 3000 + 38 * 1000);
  cfg["interconnect"]["max_burst_bytes"] = 0;
  expect_error(cfg, "interconnect.max_burst_bytes");
}

TEST(PlatformIo, ShippedConfigs) {
  const Platform d = load_platform(config("default.json"));
  EXPECT_EQ(d.pes.size(), 4u);
  EXPECT_EQ(d.pe_classes(), (std::vector<int>{0, 0, 0, 0}));
  EXPECT_EQ(d.pes[3].name, "pe3");
  EXPECT_EQ(d.pes[0].cycle_ps, 2000);
  EXPECT_EQ(d.interconnect.latency_ps, 4000);
  const Platform h = load_platform(config("hetero.json"));
  EXPECT_EQ(h.pe_names(), (std::vector<std::string>{"fast0", "fast1", "slow0", "slow1"}));
  EXPECT_EQ(h.pe_classes(), (std::vector<int>{0, 0, 1, 1}));
}

TEST(PlatformIo, RejectsClocksThatAreNotWholePicoseconds) {
  json cfg = minimal();
  cfg["pes"][0]["clock_mhz"] = 300;
  expect_error(cfg, "pes[0].clock_mhz");
  cfg["pes"][0]["clock_mhz"] = 400.0;  // 2500 ps is fine
  EXPECT_EQ(parse_platform(cfg, "p.json").pes[0].cycle_ps, 2500);
  cfg["pes"][0]["cycle_ps"] = 2500;  // both given
  expect_error(cfg, "pes[0].clock_mhz");
}

TEST(PlatformIo, ValidatesEveryField) {
  json cfg = minimal();
  cfg["pes"][0]["count"] = 0;
  expect_error(cfg, "pes[0].count");
  cfg = minimal();
  cfg["pes"][0].erase("macs_per_cycle");
  expect_error(cfg, "pes[0].macs_per_cycle");
  cfg = minimal();
  cfg["scratchpad"]["bytes"] = -1;
  expect_error(cfg, "scratchpad.bytes");
  cfg = minimal();
  cfg["scratchpad"]["latency_cycles"] = -1;
  expect_error(cfg, "scratchpad.latency_cycles");
  cfg = minimal();
  cfg["interconnect"]["bytes_per_cycle"] = "8";
  expect_error(cfg, "interconnect.bytes_per_cycle");
  cfg = minimal();
  cfg["interconnect"]["contention"] = 1;
  expect_error(cfg, "interconnect.contention");
  cfg = minimal();
  cfg["interconnect"]["speed"] = 1;
  expect_error(cfg, "interconnect.speed");
  cfg = minimal();
  cfg["pes"] = json::array();
  expect_error(cfg, "pes");
  cfg = minimal();
  cfg["pes"].push_back({{"name", "pe1"}, {"macs_per_cycle", 1}, {"clock_mhz", 500}});
  expect_error(cfg, "pes[1].name");  // pe1 already came from count 2
  cfg = minimal();
  cfg.erase("interconnect");
  expect_error(cfg, "interconnect");
  EXPECT_THROW(load_platform("/nonexistent.json"), InputError);
}

TEST(PlatformIo, BaseAddressesDefaultAndAreRead) {
  const Platform d = parse_platform(minimal(), "p.json");
  EXPECT_EQ(d.scratchpad_base, 0u);
  EXPECT_EQ(d.register_base, 0x4000'0000u);
  json cfg = minimal();
  cfg["scratchpad"]["base"] = 0x1000'0000;
  cfg["registers"] = {{"base", 0x2000'0000}};
  const Platform p = parse_platform(cfg, "p.json");
  EXPECT_EQ(p.scratchpad_base, 0x1000'0000u);
  EXPECT_EQ(p.register_base, 0x2000'0000u);
  EXPECT_EQ(p.address_overlap(), "");
}

TEST(PlatformIo, OverlappingOrBadBasesAreOneClearError) {
  json cfg = minimal();
  cfg["registers"] = {{"base", 512}};  // inside the scratchpad's [0, 1024)
  expect_error(cfg, "registers.base");
  try {
    parse_platform(cfg, "p.json");
  } catch (const InputError& e) {
    EXPECT_NE(
        std::string(e.what()).find("the scratchpad [0x0, 0x400) overlaps the registers [0x200, 0x1200)"),
        std::string::npos)
        << e.what();
  }
  cfg = minimal();
  cfg["scratchpad"]["base"] = 0x4000'0000 - 512;  // runs into the default registers
  expect_error(cfg, "scratchpad.base");
  cfg = minimal();
  cfg["dram"] = {{"preset", "ddr4-3200"}, {"bytes", 1 << 20}, {"base", 0}};
  expect_error(cfg, "dram.base");
  cfg = minimal();
  cfg["registers"] = {{"base", 0x2000'0002}};
  expect_error(cfg, "registers.base");  // not a multiple of 4
  cfg["registers"] = {{"base", -4}};
  expect_error(cfg, "registers.base");
  cfg = minimal();
  cfg["scratchpad"]["base"] = (std::int64_t{1} << 50) + 1;
  expect_error(cfg, "scratchpad.base");
  cfg = minimal();
  cfg["registers"] = {{"base", 0x2000'0000}, {"size", 4}};
  expect_error(cfg, "registers.size");
}

}  // namespace
}  // namespace cnnsched::platform_io_test
