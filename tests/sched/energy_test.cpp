#include <cmath>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cnnsched/sched/energy/energy.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/offchip/planned_traffic.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

namespace cnnsched::energy_test {
namespace {

using nlohmann::json;

std::string platform_file(const char* name) {
  return std::string(CNNSCHED_SOURCE_DIR) + "/configs/platforms/" + name;
}

json energy_platform() {
  return {
      {"pes", {{{"name", "pe"}, {"count", 2}, {"macs_per_cycle", 4}, {"clock_mhz", 500}}}},
      {"scratchpad", {{"bytes", 4096}, {"bytes_per_cycle", 8}, {"latency_cycles", 1}, {"clock_mhz", 500}}},
      {"interconnect", {{"bytes_per_cycle", 8}, {"latency_cycles", 1}, {"clock_mhz", 500}}},
      {"dram",
       {{"channels", 1},
        {"banks", 4},
        {"row_bytes", 1024},
        {"bus_bytes", 8},
        {"burst_length", 8},
        {"clock_mhz", 800},
        {"cl", 10},
        {"trcd", 10},
        {"trp", 10},
        {"interleave_bytes", 64}}}};
}

void expect_energy_error(const json& energy, const std::string& field, const std::string& words) {
  json cfg = energy_platform();
  cfg["energy"] = energy;
  try {
    parse_platform(cfg, "p.json");
    ADD_FAILURE() << "no InputError for " << field;
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find("p.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(Energy, DefaultsFollowThePublishedFigures) {
  const EnergyTable d = energy_table(load_platform(platform_file("default.json")));
  EXPECT_DOUBLE_EQ(d.mac_pj_for(1), 0.03 + 0.2);
  EXPECT_DOUBLE_EQ(d.mac_pj_for(2), 0.05 + 0.8);
  EXPECT_DOUBLE_EQ(d.mac_pj_for(4), 0.1 + 3.1);
  EXPECT_DOUBLE_EQ(d.mac_pj_for(3), 0.1 + 3.1);            // the next larger entry
  EXPECT_DOUBLE_EQ(d.mac_pj_for(8), (0.1 + 3.1) * 2 * 2);  // quadratic past the largest
  // 64 KiB is one of the five doublings from 32 KB (20 pJ) to 1 MB (100 pJ),
  // with an 8-byte port (one 64-bit access): 20 * (100 / 20)^(1/5).
  EXPECT_NEAR(d.scratchpad_read_pj, 20 * std::pow(5.0, 0.2), 1e-9);
  EXPECT_DOUBLE_EQ(d.scratchpad_write_pj, d.scratchpad_read_pj);
  EXPECT_DOUBLE_EQ(sram_access_pj_64bit(8192), 10);
  EXPECT_DOUBLE_EQ(sram_access_pj_64bit(32768), 20);
  EXPECT_NEAR(sram_access_pj_64bit(16384), std::sqrt(10.0 * 20.0), 1e-9);
  EXPECT_DOUBLE_EQ(d.interconnect_byte_pj, 0.85);
  EXPECT_EQ(d.dram_burst_pj, 0);  // no DRAM
  EXPECT_EQ(d.static_pe_mw, 0);
  const EnergyTable ddr4 = energy_table(load_platform(platform_file("default_ddr4.json")));
  EXPECT_DOUBLE_EQ(ddr4.dram_burst_pj, 1300.0 * 64 / 8);  // 64-byte DDR4 column
  EXPECT_DOUBLE_EQ(ddr4.dram_activation_pj, 1300);
  // A 4-byte port on the same size costs half a 64-bit access.
  json cfg = energy_platform();
  cfg["scratchpad"]["bytes_per_cycle"] = 4;
  EXPECT_NEAR(energy_table(parse_platform(cfg, "p.json")).scratchpad_read_pj, sram_access_pj_64bit(4096) / 2,
              1e-12);
}

TEST(Energy, OverridesAreRead) {
  json cfg = energy_platform();
  cfg["energy"] = {{"mac_pj", {{"1", 0.5}, {"8", 20}}},
                   {"scratchpad_read_pj", 2},
                   {"scratchpad_write_pj", 3},
                   {"interconnect_byte_pj", 0},
                   {"dram_burst_pj", 100},
                   {"dram_activation_pj", 1000},
                   {"static_mw", {{"pe", 1}, {"scratchpad", 2.5}, {"dma", 0.5}, {"dram", 10}}},
                   {"comment", "test"}};
  const EnergyTable t = energy_table(parse_platform(cfg, "p.json"));
  EXPECT_EQ(t.mac_pj_for(1), 0.5);
  EXPECT_DOUBLE_EQ(t.mac_pj_for(2), 0.85);  // not overridden
  EXPECT_EQ(t.mac_pj_for(8), 20);
  EXPECT_EQ(t.scratchpad_read_pj, 2);
  EXPECT_EQ(t.scratchpad_write_pj, 3);
  EXPECT_EQ(t.interconnect_byte_pj, 0);
  EXPECT_EQ(t.dram_burst_pj, 100);
  EXPECT_EQ(t.dram_activation_pj, 1000);
  EXPECT_EQ(t.static_pe_mw, 1);
  EXPECT_EQ(t.static_scratchpad_mw, 2.5);
  EXPECT_EQ(t.static_interconnect_mw, 0);
  EXPECT_EQ(t.static_dma_mw, 0.5);
  EXPECT_EQ(t.static_dram_mw, 10);
}

TEST(Energy, BadValuesAreOneClearError) {
  expect_energy_error({{"scratchpad_read_pj", -1}}, "energy.scratchpad_read_pj", "must be a number >= 0");
  expect_energy_error({{"dram_burst_pj", "10"}}, "energy.dram_burst_pj", "must be a number >= 0");
  expect_energy_error({{"interconnect_byte_pj", nullptr}}, "energy.interconnect_byte_pj", "got null");
  expect_energy_error({{"mac_pj", {{"1", -0.5}}}}, "energy.mac_pj.1", "pJ per MAC");
  expect_energy_error({{"mac_pj", {{"int8", 0.2}}}}, "energy.mac_pj.int8", "element sizes in bytes");
  expect_energy_error({{"mac_pj", {{"0", 0.2}}}}, "energy.mac_pj.0", "\"1\" to \"64\"");
  expect_energy_error({{"mac_pj", 0.2}}, "energy.mac_pj", "object");
  expect_energy_error({{"static_mw", {{"pe", true}}}}, "energy.static_mw.pe", "mW per PE");
  expect_energy_error({{"static_mw", {{"router", 1}}}}, "energy.static_mw.router",
                      "allowed here: pe, scratchpad, interconnect, dma, dram");
  expect_energy_error({{"sram_pj", 1}}, "energy.sram_pj", "allowed here: mac_pj, scratchpad_read_pj");
  expect_energy_error(json::array(), "energy", "object");
}

// Two tasks and three transfers, counted and priced by hand.
TEST(Energy, TinyGraphEqualsTheHandComputation) {
  json cfg = energy_platform();
  cfg["energy"] = {{"mac_pj", {{"1", 0.5}}},
                   {"scratchpad_read_pj", 2},
                   {"scratchpad_write_pj", 3},
                   {"interconnect_byte_pj", 0.25},
                   {"dram_burst_pj", 100},
                   {"dram_activation_pj", 1000},
                   {"static_mw", {{"pe", 1}, {"scratchpad", 2}, {"dma", 0.5}, {"dram", 10}}}};
  const Platform p = parse_platform(cfg, "p.json");
  ASSERT_EQ(p.max_burst_bytes, 64);
  TaskWork work;
  // Task 0: 100 MACs; reads 100 bytes of buffer 0 (input) and 10 of buffer 1
  // (weights); writes 20 bytes of buffer 2.
  work.add_task(100, {{0, 0, 100}, {1, 0, 10}}, {2, 0, 20});
  // Task 1: 50 MACs; reads task 0's 20 bytes, writes 8 bytes of buffer 3 (output).
  work.add_task(50, {{2, 0, 20}}, {3, 0, 8});
  for (int i = 0; i < 3; ++i) work.add_task(0, {}, {});  // the DMA tasks access nothing here
  std::vector<Transfer> transfers(5);
  transfers[2] = {TransferKind::kLoad, 0, 0, 100, 0};   // input, DRAM [0, 100)
  transfers[3] = {TransferKind::kLoad, 1, 1, 10, 120};  // weights, DRAM [120, 130)
  transfers[4] = {TransferKind::kStore, 3, 3, 8, 192};  // output, DRAM [192, 200)
  const std::vector<DataKind> kinds{DataKind::kInput, DataKind::kWeights, DataKind::kTile, DataKind::kTile};
  const ActionCounts c = count_actions(work, transfers, kinds, p);

  // MACs: 100 + 50.
  EXPECT_EQ(c.macs, 150);
  // Scratchpad accesses of 8 bytes, per burst of at most 64 bytes:
  //   reads:  task 0: 100 B = 64 + 36 -> 8 + 5, 10 B -> 2; task 1: 20 B -> 3;
  //           the store's 8 B -> 1                          = 19
  //   writes: task 0: 20 B -> 3; task 1: 8 B -> 1;
  //           input load 64 + 36 -> 8 + 5; weights 10 B -> 2 = 19
  EXPECT_EQ(c.scratchpad_reads, 8 + 5 + 2 + 3 + 1);
  EXPECT_EQ(c.scratchpad_writes, 3 + 1 + 8 + 5 + 2);
  // Interconnect: the PEs' 100 + 10 + 20 + 20 + 8, each DMA byte twice: 2 x (100 + 10 + 8).
  EXPECT_EQ(c.interconnect_bytes, 158 + 236);
  // DRAM (64-byte columns, 64-byte interleave, every chunk activates):
  //   input: bursts [0, 64) and [64, 100): one chunk each -> 2 columns, 2 activations
  //   weights: [120, 130) crosses 128 -> chunks [120, 128), [128, 130): 2 and 2
  //   output: [192, 200): 1 and 1
  EXPECT_EQ(c.dram[static_cast<std::size_t>(DramKind::kInput)], (DramActions{2, 2}));
  EXPECT_EQ(c.dram[static_cast<std::size_t>(DramKind::kWeights)], (DramActions{2, 2}));
  EXPECT_EQ(c.dram[static_cast<std::size_t>(DramKind::kOutput)], (DramActions{1, 1}));
  EXPECT_EQ(c.dram_total(), (DramActions{5, 5}));

  const Time makespan = 1'000'000;  // 1 us
  const EnergyBreakdown e = compute_energy(c, energy_table(p), p, 1, makespan);
  EXPECT_DOUBLE_EQ(e.mac_pj, 150 * 0.5);
  EXPECT_DOUBLE_EQ(e.scratchpad_read_pj, 19 * 2);
  EXPECT_DOUBLE_EQ(e.scratchpad_write_pj, 19 * 3);
  EXPECT_DOUBLE_EQ(e.interconnect_pj, 394 * 0.25);
  EXPECT_DOUBLE_EQ(e.dram_pj[0], 2 * 100 + 2 * 1000);
  EXPECT_DOUBLE_EQ(e.dram_pj[1], 2 * 100 + 2 * 1000);
  EXPECT_DOUBLE_EQ(e.dram_pj[static_cast<std::size_t>(DramKind::kOutput)], 1 * 100 + 1 * 1000);
  // Static: mW x 1 us = 1e-3 W x 1e-6 s = 1e-9 J = 1000 pJ per mW; two PEs.
  EXPECT_DOUBLE_EQ(e.static_pe_pj, 2 * 1 * 1000.0);
  EXPECT_DOUBLE_EQ(e.static_scratchpad_pj, 2 * 1000.0);
  EXPECT_DOUBLE_EQ(e.static_interconnect_pj, 0);
  EXPECT_DOUBLE_EQ(e.static_dma_pj, 0.5 * 1000.0);
  EXPECT_DOUBLE_EQ(e.static_dram_pj, 10 * 1000.0);
  // 75 + 38 + 57 + 98.5 + 2200 + 2200 + 1100 + 2000 + 2000 + 500 + 10000
  EXPECT_DOUBLE_EQ(e.total_pj(), 20268.5);
  EXPECT_DOUBLE_EQ(e.edp_pj_s(), 20268.5 * 1e-6);
  // A 2-byte network pays the 2-byte MAC (0.85 pJ, not overridden).
  EXPECT_DOUBLE_EQ(compute_energy(c, energy_table(p), p, 2, makespan).mac_pj, 150 * 0.85);
}

// The plan's estimate covers every MAC and every DRAM byte of LeNet-5 C1-S2-C3.
TEST(Energy, PlanEstimateCoversTheNetwork) {
  const Platform p = load_platform(platform_file("default_ddr4.json"));
  const Network net = load_network(std::string(CNNSCHED_SOURCE_DIR) + "/configs/networks/lenet5_c1s2c3.json");
  const CnnGraph cnn = build_cnn_graph(net, p);
  for (Policy policy : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft}) {
    const PolicyPlan plan = plan_policy(cnn, policy, p);
    const ActionCounts c = estimate_actions(cnn, plan, p);
    EXPECT_EQ(c.macs, cnn.macs_total) << policy_name(policy);
    const DramTraffic traffic = planned_traffic(cnn, *plan.offchip);
    // Every burst moves at most one column's 64 bytes, so bursts >= bytes / 64.
    const auto bursts = [&](DramKind k) { return c.dram[static_cast<std::size_t>(k)].bursts; };
    EXPECT_GE(bursts(DramKind::kInput) * 64, traffic.input);
    EXPECT_GE(bursts(DramKind::kWeights) * 64, traffic.weights);
    EXPECT_GE(bursts(DramKind::kOutput) * 64, traffic.output);
    EXPECT_GT(traffic.output, 0);
    const EnergyBreakdown e =
        compute_energy(c, energy_table(p), p, cnn.element_bytes, plan.run_schedule().makespan());
    EXPECT_GT(e.dram_dynamic_pj(), 0);
    EXPECT_GT(e.total_pj(), e.mac_pj);
  }
}

}  // namespace
}  // namespace cnnsched::energy_test
