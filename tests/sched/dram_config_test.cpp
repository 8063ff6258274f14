#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/platform.hpp>

namespace cnnsched::dram_config_test {
namespace {

using nlohmann::json;

json with_dram(const json& dram) {
  return {
      {"pes", {{{"name", "pe"}, {"macs_per_cycle", 4}, {"clock_mhz", 250}}}},
      {"scratchpad", {{"bytes", 1024}, {"bytes_per_cycle", 4}, {"latency_cycles", 3}, {"clock_mhz", 1000}}},
      {"interconnect", {{"bytes_per_cycle", 2}, {"latency_cycles", 1}, {"cycle_ps", 1500}}},
      {"dram", dram}};
}

std::string error_field(const json& cfg) {
  try {
    parse_platform(cfg, "p.json");
  } catch (const InputError& e) {
    return e.field();
  }
  return "(no error)";
}

TEST(DramConfig, NoDramObjectMeansOnChipOnly) {
  json cfg = with_dram(json::object());
  cfg.erase("dram");
  EXPECT_FALSE(parse_platform(cfg, "p.json").has_dram);
}

TEST(DramConfig, PresetWithOverrides) {
  const Platform p =
      parse_platform(with_dram({{"preset", "ddr4-3200"}, {"channels", 2}, {"dma_channels", 3}}), "p.json");
  ASSERT_TRUE(p.has_dram);
  EXPECT_EQ(p.dram.preset, "ddr4-3200");
  EXPECT_EQ(p.dram.channels, 2);
  EXPECT_EQ(p.dram.cl, 22);
  EXPECT_EQ(p.dram.cycle_ps, 625);
  EXPECT_EQ(p.dram.trefi_ps, 7800000);  // presets refresh by default
  EXPECT_EQ(p.dma_channels, 3);
  EXPECT_EQ(parse_platform(with_dram({{"preset", "hbm2"}, {"refresh", false}}), "p.json").dram.trefi_ps, 0);
}

TEST(DramConfig, NumbersWithoutPreset) {
  const Platform p = parse_platform(with_dram({{"channels", 1},
                                               {"banks", 4},
                                               {"row_bytes", 1024},
                                               {"bus_bytes", 4},
                                               {"burst_length", 8},
                                               {"clock_mhz", 800},
                                               {"cl", 11},
                                               {"trcd", 11},
                                               {"trp", 11}}),
                                    "p.json");
  EXPECT_EQ(p.dram.cycle_ps, 1250);
  EXPECT_EQ(p.dram.trefi_ps, 0);  // numbers refresh only when asked
  EXPECT_EQ(p.dram.column_bytes(), 32);
}

TEST(DramConfig, BadValuesNameTheField) {
  EXPECT_EQ(error_field(with_dram({{"preset", "ddr9"}})), "dram.preset");
  EXPECT_EQ(error_field(with_dram({{"preset", "hbm2"}, {"banks", 0}})), "dram.banks");
  EXPECT_EQ(error_field(with_dram({{"preset", "hbm2"}, {"colour", 1}})), "dram.colour");
  EXPECT_EQ(error_field(with_dram({{"banks", 4}})), "dram.channels");  // numbers need all fields
  EXPECT_EQ(error_field(with_dram({{"preset", "hbm2"}, {"row_bytes", 100}})), "dram.row_bytes");
  EXPECT_EQ(error_field(with_dram({{"preset", "hbm2"}, {"dma_channels", 0}})), "dram.dma_channels");
}

}  // namespace
}  // namespace cnnsched::dram_config_test
