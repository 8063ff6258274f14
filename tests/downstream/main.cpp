// A user's own initiator talks to cnnsched's Router and Scratchpad through
// standard TLM-2.0 sockets: it writes a block and reads it back. Before that,
// the scheduling core and the simulator (cnnsched::sched and cnnsched::sim)
// plan and simulate LeNet-5's first layers in a child process.
#include <cstdio>
#include <systemc>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

struct UserCpu : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<UserCpu> socket{"socket"};
  std::uint64_t base = 0;
  bool ok = false;

  SC_HAS_PROCESS(UserCpu);
  explicit UserCpu(sc_core::sc_module_name name) : sc_module(name) { SC_THREAD(run); }

  bool transfer(tlm::tlm_command cmd, std::uint64_t addr, std::vector<unsigned char>& data) {
    tlm::tlm_generic_payload gp;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data.data());
    gp.set_data_length(static_cast<unsigned>(data.size()));
    gp.set_streaming_width(static_cast<unsigned>(data.size()));
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    socket->b_transport(gp, delay);
    wait(delay);
    return gp.is_response_ok();
  }

  void run() {
    std::vector<unsigned char> out(64), in(64, 0);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<unsigned char>(3 * i + 1);
    ok =
        transfer(tlm::TLM_WRITE_COMMAND, base, out) && transfer(tlm::TLM_READ_COMMAND, base, in) && in == out;
  }
};

// The whole cnnsched flow through the installed sim library.
bool plan_and_simulate() {
  const std::string configs = CNNSCHED_CONFIGS;
  const cnnsched::Network net = cnnsched::load_network(configs + "/networks/lenet5_c1s2c3.json");
  const cnnsched::Platform platform = cnnsched::load_platform(configs + "/platforms/default.json");
  const cnnsched::CnnGraph cnn = cnnsched::build_cnn_graph(net, platform);
  const cnnsched::PolicyPlan plan = cnnsched::plan_policy(cnn, cnnsched::Policy::MemHeft);
  const cnnsched::SimResult r = cnnsched::simulate_isolated(cnn, plan, platform);
  std::printf("downstream: cnnsched::sim simulated %d tasks, makespan %lld ps (planned %lld ps)\n",
              static_cast<int>(cnn.graph.num_tasks()), static_cast<long long>(r.makespan),
              static_cast<long long>(r.planned_makespan));
  return r.makespan >= r.planned_makespan && r.peak > 0;
}

int sc_main(int, char*[]) {
  if (!plan_and_simulate()) return 1;
  cnnsched::PortTiming link{2000, 8, 2000};
  cnnsched::Router bus("bus", link, true);
  cnnsched::Scratchpad spm("spm", 4096, link);
  UserCpu cpu("cpu");
  cpu.socket.bind(bus.in);
  bus.out.bind(spm.socket);
  const std::uint64_t spm_base = 0x10000;
  bus.map(0, spm_base, 4096);
  cpu.base = spm_base + *spm.allocate(256);
  sc_core::sc_start();
  std::printf("downstream: write/read through cnnsched::Router -> Scratchpad %s at %s\n",
              cpu.ok ? "ok" : "FAILED", sc_core::sc_time_stamp().to_string().c_str());
  return cpu.ok ? 0 : 1;
}
