// A tiny SoC model outside the cnnsched tree, built against an installed
// cnnsched: first the scheduling core and the simulator (cnnsched::sched and
// cnnsched::sim) plan and simulate LeNet-5's first layers in a child process;
// then a host CPU (cnnsched's HostCpu, an LT initiator running the driver
// sequence) drives cnnsched's Accelerator as a peripheral (SoC mode) over a
// router with DRAM, through standard TLM-2.0 sockets: it writes a HEFT plan's
// command list into DRAM, programs the registers, waits for the interrupt and
// checks STATUS DONE; a corrupted list must give ERROR, its code and the
// interrupt, and the good list must then run again (the SoC kept running).
// Exit 1 on any mismatch.
#include <cstdint>
#include <cstdio>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/command/command_list.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

namespace {

constexpr std::uint64_t kRegisterBase = 0x4000'0000;
constexpr std::uint64_t kListAddress = 0x2000;  // in DRAM

// The whole cnnsched flow through the installed sim library, in a child process:
// the standalone makespan (0 when the result is implausible).
long long plan_and_simulate(const cnnsched::CnnGraph& cnn, const cnnsched::PolicyPlan& plan,
                            const cnnsched::Platform& platform) {
  const cnnsched::SimResult r = cnnsched::simulate_isolated(cnn, plan, platform);
  std::printf("downstream: cnnsched::sim simulated %d tasks, makespan %lld ps (planned %lld ps)\n",
              static_cast<int>(cnn.graph.num_tasks()), static_cast<long long>(r.makespan),
              static_cast<long long>(r.planned_makespan));
  return r.makespan >= r.planned_makespan && r.peak > 0 ? static_cast<long long>(r.makespan) : 0;
}

bool check(const char* what, const cnnsched::HostRun& r, std::uint32_t status, std::uint32_t code) {
  const bool ok = r.status == status && r.error_code == code;
  std::printf("downstream: %s: interrupt at %s, STATUS 0x%x ERROR_CODE 0x%x %s\n", what,
              r.interrupted.to_string().c_str(), r.status, r.error_code, ok ? "(as expected)" : "(MISMATCH)");
  return ok;
}

}  // namespace

int sc_main(int, char*[]) {
  const std::string configs = CNNSCHED_CONFIGS;
  const cnnsched::Platform platform = cnnsched::load_platform(configs + "/platforms/default.json");
  const cnnsched::CnnGraph cnn =
      cnnsched::build_cnn_graph(cnnsched::load_network(configs + "/networks/lenet5_c1s2c3.json"), platform);
  const cnnsched::PolicyPlan plan = cnnsched::plan_policy(cnn, cnnsched::Policy::Heft);
  const long long standalone = plan_and_simulate(cnn, plan, platform);
  if (standalone <= 0) return 1;

  const std::vector<unsigned char> good =
      cnnsched::encode_command_list(plan.schedule, static_cast<int>(platform.pes.size()));
  std::vector<unsigned char> bad = good;
  bad[0] = 'X';  // the magic

  tlm::tlm_global_quantum::instance().set(cnnsched::to_sc_time(platform.quantum_ps));
  cnnsched::SocOptions soc;
  soc.register_base = kRegisterBase;
  cnnsched::Accelerator accelerator("accelerator", platform, cnn.graph, plan, false, false, soc);
  cnnsched::HostCpu cpu("cpu", kRegisterBase, kListAddress, {good, bad, good});
  cnnsched::Router bus("bus", platform.interconnect, true);
  cnnsched::DramSpec dram_spec = cnnsched::dram_preset("ddr4-3200");
  dram_spec.base = 0;
  dram_spec.bytes = 1 << 20;
  cnnsched::Dram dram("dram", dram_spec, true);
  cpu.socket.bind(bus.in);
  accelerator.fetcher->socket.bind(bus.in);
  bus.out.bind(dram.socket);
  bus.out.bind(accelerator.registers->socket);
  bus.map(0, 0, static_cast<std::uint64_t>(dram_spec.bytes));
  bus.map(1, kRegisterBase, accelerator.registers->size());
  cpu.irq.bind(accelerator.registers->irq);
  sc_core::sc_start();  // ends when the host's sequence is done

  std::printf("downstream: accelerator in SoC mode, %d tasks, command list %zu bytes, %zu of 3 runs\n",
              static_cast<int>(cnn.graph.num_tasks()), good.size(), cpu.runs().size());
  if (!cpu.bus_error().empty()) std::printf("downstream: bus error: %s\n", cpu.bus_error().c_str());
  if (cpu.runs().size() != 3) return 1;
  bool ok = check("good list", cpu.runs()[0], cnnsched::reg::kStatusDone, 0);
  ok = check("corrupted list", cpu.runs()[1], cnnsched::reg::kStatusError,
             static_cast<std::uint32_t>(cnnsched::CommandListErrorCode::kBadMagic)) &&
       ok;
  ok = check("good list again", cpu.runs()[2], cnnsched::reg::kStatusDone, 0) && ok;
  const long long makespan = static_cast<long long>(accelerator.dispatcher->makespan());
  std::printf("downstream: SoC-mode makespan %lld ps (standalone %lld ps)\n", makespan, standalone);
  return ok && makespan == standalone ? 0 : 1;
}
