// A tiny SoC model outside the cnnsched tree, built against an installed
// cnnsched: first the scheduling core and the simulator (cnnsched::sched and
// cnnsched::sim) plan and simulate LeNet-5's first layers in a child process;
// then a user's own host CPU drives cnnsched's Accelerator as a peripheral
// (SoC mode) through standard TLM-2.0 sockets: it writes a HEFT plan's
// command list into DRAM, programs the registers, waits for the interrupt and
// checks STATUS DONE; a corrupted list must give ERROR, its code and the
// interrupt, and the good list must then run again (the SoC kept running).
// Exit 1 on any mismatch.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/tlm_payload.hpp>
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

struct HostRun {
  bool interrupted = false;
  std::uint32_t status = 0;
  std::uint32_t error_code = 0;
};

// The user's host CPU: writes a list, programs the registers, waits for the irq.
struct UserCpu : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<UserCpu> socket{"socket"};
  sc_core::sc_in<bool> irq{"irq"};
  std::vector<std::vector<unsigned char>> lists;
  std::vector<HostRun> runs;
  bool bus_ok = true;

  SC_HAS_PROCESS(UserCpu);
  explicit UserCpu(sc_core::sc_module_name name) : sc_module(name) { SC_THREAD(drive); }

  void drive() {
    for (auto& list : lists) runs.push_back(run(list));
  }

  HostRun run(std::vector<unsigned char>& list) {
    HostRun r;
    for (unsigned done = 0; done < list.size(); done += 64)
      access(tlm::TLM_WRITE_COMMAND, kListAddress + done, list.data() + done,
             std::min(64u, static_cast<unsigned>(list.size()) - done));
    set(cnnsched::reg::kCmdAddrLo, static_cast<std::uint32_t>(kListAddress));
    set(cnnsched::reg::kCmdAddrHi, static_cast<std::uint32_t>(kListAddress >> 32));
    set(cnnsched::reg::kCmdSize, static_cast<std::uint32_t>(list.size()));
    set(cnnsched::reg::kIrqEnable, cnnsched::reg::kIrqDone | cnnsched::reg::kIrqError);
    set(cnnsched::reg::kCtrl, cnnsched::reg::kCtrlStart);
    // A run that never interrupts ends the simulation with this run unfinished.
    if (!irq.read()) wait(irq.posedge_event());
    r.interrupted = irq.read();
    r.status = get(cnnsched::reg::kStatus);
    r.error_code = get(cnnsched::reg::kErrorCode);
    set(cnnsched::reg::kIrqStatus, cnnsched::reg::kIrqDone | cnnsched::reg::kIrqError);
    if (irq.read()) wait(irq.negedge_event());
    return r;
  }

  void access(tlm::tlm_command cmd, std::uint64_t addr, unsigned char* data, unsigned length) {
    tlm::tlm_generic_payload gp;
    cnnsched::prepare_payload(gp, cmd, addr, data, length);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(gp, delay);
    bus_ok = bus_ok && gp.is_response_ok();
    wait(delay);
  }
  void set(std::uint64_t offset, std::uint32_t value) {
    access(tlm::TLM_WRITE_COMMAND, kRegisterBase + offset, reinterpret_cast<unsigned char*>(&value), 4);
  }
  std::uint32_t get(std::uint64_t offset) {
    std::uint32_t value = 0;
    access(tlm::TLM_READ_COMMAND, kRegisterBase + offset, reinterpret_cast<unsigned char*>(&value), 4);
    return value;
  }
};

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

bool check(const char* what, const HostRun& r, std::uint32_t status, std::uint32_t code) {
  const bool ok = r.interrupted && r.status == status && r.error_code == code;
  std::printf("downstream: %s: interrupt %s, STATUS 0x%x ERROR_CODE 0x%x %s\n", what,
              r.interrupted ? "yes" : "no", r.status, r.error_code, ok ? "(as expected)" : "(MISMATCH)");
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
  UserCpu cpu("cpu");
  cpu.lists = {good, bad, good};
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
              static_cast<int>(cnn.graph.num_tasks()), good.size(), cpu.runs.size());
  if (cpu.runs.size() != 3 || !cpu.bus_ok) return 1;
  bool ok = check("good list", cpu.runs[0], cnnsched::reg::kStatusDone, 0);
  ok = check("corrupted list", cpu.runs[1], cnnsched::reg::kStatusError,
             static_cast<std::uint32_t>(cnnsched::CommandListErrorCode::kBadMagic)) &&
       ok;
  ok = check("good list again", cpu.runs[2], cnnsched::reg::kStatusDone, 0) && ok;
  const long long makespan = static_cast<long long>(accelerator.dispatcher->makespan());
  std::printf("downstream: SoC-mode makespan %lld ps (standalone %lld ps)\n", makespan, standalone);
  return ok && makespan == standalone ? 0 : 1;
}
