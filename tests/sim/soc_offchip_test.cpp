// SoC mode with DRAM, in functional mode: a host CPU (HostCpu) on a bus in
// front of the accelerator's DRAM window and registers writes the network
// input and weights to their DRAM homes and the command list behind them,
// starts the run, waits for the interrupt and reads the network output back
// over the bus; the output must equal the untiled reference bit for bit, the
// counter registers the standalone simulation's values, and bad programming
// must end in ERROR with its code and the interrupt, the SoC still running.
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <memory>
#include <systemc>
#include <tlm>
#include <vector>

#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/command/command_list.hpp>
#include <cnnsched/sched/command/command_list_error.hpp>
#include <cnnsched/sched/functional/reference_model.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/functional/functional_check.hpp>
#include <cnnsched/sim/functional/functional_dma.hpp>
#include <cnnsched/sim/functional/functional_model.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim/functional_test_support.hpp"
#include "sim/sim_test_support.hpp"

namespace cnnsched::soc_offchip_test {
namespace {

// LeNet-5's first layers on the default platform with DDR4 (bases from the config).
struct Case {
  explicit Case(bool contention) {
    platform.contention = contention;
    cnn = std::make_unique<CnnGraph>(build_cnn_graph(net, platform));
    plan = std::make_unique<PolicyPlan>(plan_policy(*cnn, Policy::Heft, platform));
    const int processors = static_cast<int>(platform.pes.size()) + platform.dma_channels;
    list = encode_command_list(plan->run_schedule(), processors);
  }
  Network net = test::network_config("configs/networks/lenet5_c1s2c3.json");
  Platform platform = load_platform(test::source_path("configs/platforms/default_ddr4.json"));
  std::unique_ptr<CnnGraph> cnn;
  std::unique_ptr<PolicyPlan> plan;
  std::vector<unsigned char> list;
};

// The SoC: host and command fetcher on a bus; the accelerator's DRAM window at
// the platform's DRAM base, its registers at the platform's register base.
struct Soc {
  Soc(const Case& c, std::vector<HostJob> jobs, bool image = true)
      : with_image(image),
        accelerator("accelerator", c.platform, c.cnn->graph, *c.plan, false, true, options(c)),
        model(c.net, *c.cnn, *c.plan, accelerator, data_port, false, kDefaultDataSeed, true),
        host("host", c.platform.register_base, complete(std::move(jobs), c),
             static_cast<unsigned>(c.platform.max_burst_bytes)) {
    tlm::tlm_global_quantum::instance().set(to_sc_time(c.platform.quantum_ps));
    data_port.socket.bind(accelerator.router->in);
    host.socket.bind(bus.in);
    accelerator.fetcher->socket.bind(bus.in);
    bus.out.bind(accelerator.dram_port->socket);
    bus.out.bind(accelerator.registers->socket);
    bus.map(0, c.platform.dram.base, static_cast<std::uint64_t>(c.platform.dram.bytes));
    bus.map(1, c.platform.register_base, accelerator.registers->size());
    host.irq.bind(accelerator.registers->irq);
  }
  static SocOptions options(const Case& c) {
    SocOptions o;
    o.cnn = c.cnn.get();
    return o;
  }
  // Jobs marked with an empty list get the good list; good jobs' images and reads are filled in.
  std::vector<HostJob> complete(std::vector<HostJob> jobs, const Case& c) {
    for (HostJob& j : jobs) {
      if (j.list_address == 0) j.list_address = soc_command_list_address(c.platform, *c.plan, c.list.size());
      if (!j.list.empty()) continue;
      j.list = c.list;
      if (with_image) j.writes = model.dram_image();
      for (const auto& o : model.dram_outputs())
        j.reads.push_back({o.address, std::vector<unsigned char>(o.bytes)});
    }
    return jobs;
  }
  FunctionalCheck check(const Case& c, const HostRun& r) const {
    return check_functional(c.net, *c.cnn, model.outputs_from(r.read_back), run_reference(c.net));
  }

  bool with_image;
  Accelerator accelerator;
  FunctionalDma data_port{"functional_dma"};
  FunctionalModel model;
  HostCpu host;
  Router bus{"bus", PortTiming{1000, 8, 1000}, true};
};

HostJob good() { return HostJob{}; }

TEST(SocOffchip, HostReadsTheOutputBackBitExactAfterABadListToo) {
  const Case c(true);
  HostJob bad;
  bad.list = c.list;
  bad.list[0] = 'X';  // the magic
  Soc soc(c, {good(), bad, good()});
  sc_core::sc_start();
  ASSERT_EQ(sc_core::sc_get_status(), sc_core::SC_PAUSED) << "a run stopped the simulation";
  ASSERT_EQ(soc.host.runs().size(), 3u) << soc.host.bus_error();
  const HostRun& first = soc.host.runs()[0];
  EXPECT_EQ(first.status, reg::kStatusDone);
  const FunctionalCheck check = soc.check(c, first);
  EXPECT_TRUE(check.ok()) << mismatch_text(check);
  EXPECT_GT(check.tiles, 0u);
  EXPECT_EQ(check.elements, 1600u);  // C3's 10x10x16 output
  EXPECT_EQ(soc.host.runs()[1].status, reg::kStatusError);
  EXPECT_EQ(soc.host.runs()[1].error_code, static_cast<std::uint32_t>(CommandListErrorCode::kBadMagic));
  EXPECT_TRUE(soc.host.runs()[1].read_back.empty());  // no output after an error
  EXPECT_EQ(soc.host.runs()[2].status, reg::kStatusDone);
  const FunctionalCheck again = soc.check(c, soc.host.runs()[2]);
  EXPECT_TRUE(again.ok()) << mismatch_text(again);
  EXPECT_EQ(again.elements, check.elements);
}

// The check can fail: a host that leaves input and weights out gets a wrong output.
TEST(SocOffchip, WithoutTheHostsInputTheOutputDiffers) {
  const Case c(false);
  Soc soc(c, {good()}, false);
  sc_core::sc_start();
  ASSERT_EQ(soc.host.runs().size(), 1u) << soc.host.bus_error();
  EXPECT_EQ(soc.host.runs()[0].status, reg::kStatusDone);
  EXPECT_FALSE(soc.check(c, soc.host.runs()[0]).ok());
}

TEST(SocOffchip, CountersEqualTheStandaloneSimulation) {
  const Case c(false);  // contention off: the host's earlier traffic cannot change the run's timing
  SimOptions o;
  o.functional = true;
  o.network = &c.net;
  const SimResult standalone = simulate_isolated(*c.cnn, *c.plan, c.platform, o);  // before elaboration
  ASSERT_TRUE(standalone.functional_ok) << standalone.functional_mismatches;
  Soc soc(c, {good(), good()});
  sc_core::sc_start();
  ASSERT_EQ(soc.host.runs().size(), 2u) << soc.host.bus_error();
  for (const HostRun& r : soc.host.runs()) {
    ASSERT_EQ(r.status, reg::kStatusDone);
    const RunCounters& k = r.counters;
    EXPECT_EQ(k.makespan, makespan_in_clock(standalone.makespan, c.platform.interconnect.cycle_ps));
    EXPECT_EQ(k.tasks_done, static_cast<std::uint32_t>(standalone.tasks.size()));
    EXPECT_EQ(k.dram_bytes_read, standalone.dram.bytes_read);
    EXPECT_EQ(k.dram_bytes_written, standalone.dram.bytes_written);
    EXPECT_GT(k.dram_bytes_read, 0u);
    EXPECT_EQ(k.energy_pj, static_cast<std::uint64_t>(std::llround(standalone.energy.total_pj())));
    EXPECT_GT(k.energy_pj, 0u);
    EXPECT_EQ(k, soc.accelerator.registers->counters());
  }
}

TEST(SocOffchip, CommandAddressOutsideDramIsAFetchErrorWithInterrupt) {
  const Case c(true);
  HostJob outside;
  outside.list = c.list;  // written where it belongs, but CMD_ADDR points past the DRAM
  outside.cmd_address = c.platform.dram.base + static_cast<std::uint64_t>(c.platform.dram.bytes);
  Soc soc(c, {outside, good()});
  sc_core::sc_start();
  ASSERT_EQ(soc.host.runs().size(), 2u) << soc.host.bus_error();
  const HostRun& r = soc.host.runs()[0];
  EXPECT_EQ(r.status, reg::kStatusError);
  EXPECT_EQ(r.error_code, kErrorFetchFailed);
  EXPECT_GT(r.interrupted, r.started);  // the host saw the interrupt
  EXPECT_EQ(r.counters.tasks_done, 0u);
  EXPECT_EQ(r.counters.dram_bytes_read, 0u);
  const HostRun& after = soc.host.runs()[1];
  EXPECT_EQ(after.status, reg::kStatusDone);
  EXPECT_TRUE(soc.check(c, after).ok());
}

TEST(SocOffchip, CommandListBehindTheHomes) {
  const Case c(false);
  const std::uint64_t at = soc_command_list_address(c.platform, *c.plan, c.list.size());
  EXPECT_EQ(at % 64, 0u);
  EXPECT_GE(at, c.platform.dram.base + static_cast<std::uint64_t>(c.plan->offchip->dram_bytes_used));
  EXPECT_LT(at, c.platform.dram.base + static_cast<std::uint64_t>(c.plan->offchip->dram_bytes_used) + 64);
  EXPECT_THROW(soc_command_list_address(c.platform, *c.plan, static_cast<std::size_t>(c.platform.dram.bytes)),
               InputError);
}

}  // namespace
}  // namespace cnnsched::soc_offchip_test
