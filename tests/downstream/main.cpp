// A tiny SoC model outside the cnnsched tree, built against an installed
// cnnsched: first the scheduling core and the simulator (cnnsched::sched and
// cnnsched::sim) plan and simulate LeNet-5's first layers in a child process;
// then a host CPU (cnnsched's HostCpu, an LT initiator running the driver
// sequence) drives cnnsched's Accelerator as a peripheral (SoC mode, functional
// mode, DDR4) over a bus in front of the accelerator's DRAM window and its
// registers, at the platform config's bases, through standard TLM-2.0
// sockets: it writes the network input and weights to their DRAM homes and a
// HEFT off-chip plan's command list behind them, programs the registers,
// waits for the interrupt, checks STATUS DONE, reads the counters and the
// network output back over the bus and checks the output bit-exact against
// the untiled reference; a corrupted list must give ERROR, its code and the
// interrupt, and the good list must then run again, bit-exact again (the SoC
// kept running). Exit 1 on any mismatch.
#include <cstdint>
#include <cstdio>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/command/command_list.hpp>
#include <cnnsched/sched/functional/reference_model.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/functional/functional_check.hpp>
#include <cnnsched/sim/functional/functional_dma.hpp>
#include <cnnsched/sim/functional/functional_model.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

namespace {

// The whole cnnsched flow through the installed sim library, in a child process.
cnnsched::SimResult plan_and_simulate(const cnnsched::Network& net, const cnnsched::CnnGraph& cnn,
                                      const cnnsched::PolicyPlan& plan, const cnnsched::Platform& platform) {
  cnnsched::SimOptions o;
  o.functional = true;
  o.network = &net;
  const cnnsched::SimResult r = cnnsched::simulate_isolated(cnn, plan, platform, o);
  std::printf(
      "downstream: cnnsched::sim simulated %d tasks, makespan %lld ps (planned %lld ps), functional %s\n",
      static_cast<int>(r.tasks.size()), static_cast<long long>(r.makespan),
      static_cast<long long>(r.planned_makespan), r.functional_ok ? "ok" : "MISMATCH");
  return r;
}

bool check(const char* what, const cnnsched::HostRun& r, std::uint32_t status, std::uint32_t code) {
  const bool ok = r.status == status && r.error_code == code;
  std::printf("downstream: %s: interrupt at %s, STATUS 0x%x ERROR_CODE 0x%x %s\n", what,
              r.interrupted.to_string().c_str(), r.status, r.error_code, ok ? "(as expected)" : "(MISMATCH)");
  return ok;
}

bool check_output(const char* what, const cnnsched::HostRun& r, const cnnsched::FunctionalModel& model,
                  const cnnsched::Network& net, const cnnsched::CnnGraph& cnn,
                  const cnnsched::ReferenceResult& reference, const cnnsched::SimResult& standalone) {
  const cnnsched::FunctionalCheck f =
      cnnsched::check_functional(net, cnn, model.outputs_from(r.read_back), reference);
  const cnnsched::RunCounters& c = r.counters;
  std::printf(
      "downstream: %s: output read back, %llu elements %s; DRAM_RD %llu B DRAM_WR %llu B "
      "(standalone %llu / %llu), ENERGY %llu pJ\n",
      what, static_cast<unsigned long long>(f.elements), f.ok() ? "bit-exact" : "DIFFER",
      static_cast<unsigned long long>(c.dram_bytes_read),
      static_cast<unsigned long long>(c.dram_bytes_written),
      static_cast<unsigned long long>(standalone.dram.bytes_read),
      static_cast<unsigned long long>(standalone.dram.bytes_written),
      static_cast<unsigned long long>(c.energy_pj));
  return f.ok() && f.elements > 0 && c.dram_bytes_read > 0 && c.energy_pj > 0;
}

}  // namespace

int sc_main(int, char*[]) {
  const std::string configs = CNNSCHED_CONFIGS;
  const cnnsched::Platform platform = cnnsched::load_platform(configs + "/platforms/default_ddr4.json");
  const cnnsched::Network net = cnnsched::load_network(configs + "/networks/lenet5_c1s2c3.json");
  const cnnsched::CnnGraph cnn = cnnsched::build_cnn_graph(net, platform);
  const cnnsched::PolicyPlan plan = cnnsched::plan_policy(cnn, cnnsched::Policy::Heft, platform);
  const cnnsched::SimResult standalone = plan_and_simulate(net, cnn, plan, platform);
  if (!standalone.functional_ok || standalone.makespan < standalone.planned_makespan) return 1;

  const int processors = static_cast<int>(platform.pes.size()) + platform.dma_channels;
  const std::vector<unsigned char> good = cnnsched::encode_command_list(plan.run_schedule(), processors);
  std::vector<unsigned char> bad = good;
  bad[0] = 'X';  // the magic
  const std::uint64_t list_address = cnnsched::soc_command_list_address(platform, plan, good.size());
  const cnnsched::ReferenceResult reference = cnnsched::run_reference(net);

  tlm::tlm_global_quantum::instance().set(cnnsched::to_sc_time(platform.quantum_ps));
  cnnsched::SocOptions soc;
  soc.cnn = &cnn;
  cnnsched::Accelerator accelerator("accelerator", platform, cnn.graph, plan, false, true, soc);
  cnnsched::FunctionalDma data_port("functional_dma");
  data_port.socket.bind(accelerator.router->in);
  cnnsched::FunctionalModel model(net, cnn, plan, accelerator, data_port, false, cnnsched::kDefaultDataSeed,
                                  true);
  cnnsched::HostJob run_good;
  run_good.list = good;
  run_good.list_address = list_address;
  run_good.writes = model.dram_image();
  for (const auto& o : model.dram_outputs())
    run_good.reads.push_back({o.address, std::vector<unsigned char>(o.bytes)});
  cnnsched::HostJob run_bad;
  run_bad.list = bad;
  run_bad.list_address = list_address;
  cnnsched::HostCpu cpu("cpu", platform.register_base, {run_good, run_bad, run_good},
                        static_cast<unsigned>(platform.max_burst_bytes));
  cnnsched::Router bus("bus", platform.interconnect, true);
  cpu.socket.bind(bus.in);
  accelerator.fetcher->socket.bind(bus.in);
  bus.out.bind(accelerator.dram_port->socket);
  bus.out.bind(accelerator.registers->socket);
  bus.map(0, platform.dram.base, static_cast<std::uint64_t>(platform.dram.bytes));
  bus.map(1, platform.register_base, accelerator.registers->size());
  cpu.irq.bind(accelerator.registers->irq);
  sc_core::sc_start();  // ends when the host's sequence is done

  std::printf("downstream: accelerator in SoC mode, %d tasks, command list %zu bytes, %zu of 3 runs\n",
              static_cast<int>(plan.run_graph(cnn).num_tasks()), good.size(), cpu.runs().size());
  if (!cpu.bus_error().empty()) std::printf("downstream: bus error: %s\n", cpu.bus_error().c_str());
  if (cpu.runs().size() != 3) return 1;
  bool ok = check("good list", cpu.runs()[0], cnnsched::reg::kStatusDone, 0);
  ok = check_output("good list", cpu.runs()[0], model, net, cnn, reference, standalone) && ok;
  ok = check("corrupted list", cpu.runs()[1], cnnsched::reg::kStatusError,
             static_cast<std::uint32_t>(cnnsched::CommandListErrorCode::kBadMagic)) &&
       ok;
  ok = check("good list again", cpu.runs()[2], cnnsched::reg::kStatusDone, 0) && ok;
  ok = check_output("good list again", cpu.runs()[2], model, net, cnn, reference, standalone) && ok;
  return ok ? 0 : 1;
}
