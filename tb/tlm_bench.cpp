// Simulation speed of our TLM modules against a bare TLM loop, in one run.
//  (a) bare: one initiator thread doing b_transport + wait(delay) to a trivial
//      target, N times -> TLM transactions per second of wall time;
//  (b) ours: K PEs -> Router -> Scratchpad running many small jobs (two reads,
//      compute, one write, a fresh output buffer per job) -> simulated jobs and
//      TLM transactions per second of wall time;
//  (c) the whole model: a network's HEFT plan simulated through the plan
//      dispatcher (PEs, router, scratchpad, buffer allocation) in a child
//      process -> simulated tasks and TLM transactions per second of wall time
//      (elaboration included; every transfer in bursts of the platform's
//      max_burst_bytes, timing mode: no bytes move), lock-step and again with
//      a TLM global quantum (--quantum-ns, temporal decoupling): the speed-up
//      and the makespan difference. It runs first, before this process elaborates.
// The phases run one after the other (sc_pause between them) so each is timed
// alone. Prints both rates and their ratio.
#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <vector>

#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/cli/count_option.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

class BareTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<BareTarget> socket;
  explicit BareTarget(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket") {
    socket.register_b_transport(this, &BareTarget::b_transport);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
    delay += sc_core::sc_time(1, sc_core::SC_NS);
    t.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

class BareInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<BareInitiator> socket;
  SC_HAS_PROCESS(BareInitiator);
  BareInitiator(sc_core::sc_module_name name, std::uint64_t count)
      : sc_core::sc_module(name), socket("socket"), count_(count) {
    SC_THREAD(run);
  }

 private:
  void run() {
    unsigned char data[64] = {};
    tlm::tlm_generic_payload t;
    t.set_data_ptr(data);
    t.set_data_length(sizeof data);
    t.set_streaming_width(sizeof data);
    for (std::uint64_t i = 0; i < count_; ++i) {
      t.set_command(i % 2 ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
      t.set_address(i * 64);
      t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket->b_transport(t, delay);
      wait(delay);
    }
    sc_core::sc_pause();  // end of phase (a)
  }
  std::uint64_t count_;
};

// K PEs share one scratchpad; each PE chains its jobs from on_done.
class JobFarm {
 public:
  JobFarm(unsigned pes, std::uint64_t jobs, std::uint32_t bytes, bool contention)
      : router_("router", PortTiming{1000, 16, 1000}, contention),
        spad_("spad", 1 << 20, PortTiming{500, 8, 1000}),
        jobs_(jobs),
        bytes_(bytes) {
    router_.out.bind(spad_.socket);
    router_.map(0, 0, static_cast<std::uint64_t>(spad_.capacity()));
    // Inputs shared by every job; outputs allocated per job.
    input_ = *spad_.allocate(2 * static_cast<Bytes>(bytes));
    for (unsigned k = 0; k < pes; ++k) {
      pes_.push_back(std::make_unique<Pe>(("pe" + std::to_string(k)).c_str(), 16, 1000));
      Pe& pe = *pes_.back();
      pe.socket.bind(router_.in);
      pe.on_done = [this, &pe](const PeJob& done, sc_core::sc_time, sc_core::sc_time) {
        spad_.release(done.write.address);
        ++done_;
        next_job(pe);
      };
    }
  }
  void start() {
    for (auto& pe : pes_) next_job(*pe);
  }
  std::uint64_t transactions() const {
    std::uint64_t n = 0;
    for (const auto& pe : pes_) n += pe->transactions();
    return n;
  }
  std::uint64_t jobs_done() const { return done_; }
  const Router& router() const { return router_; }

 private:
  void next_job(Pe& pe) {
    if (issued_ == jobs_) return;
    PeJob job;
    job.task = static_cast<TaskId>(issued_++);
    job.reads = {{input_, bytes_}, {input_ + bytes_, bytes_}};
    job.write = {*spad_.allocate(bytes_), bytes_};
    job.macs = 256;
    pe.start(std::move(job));
  }
  Router router_;
  Scratchpad spad_;
  std::vector<std::unique_ptr<Pe>> pes_;
  std::uint64_t jobs_;
  std::uint32_t bytes_;
  std::uint64_t input_ = 0;
  std::uint64_t issued_ = 0;
  std::uint64_t done_ = 0;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct WholeRun {
  double seconds = 0;
  Time makespan = 0;
};

// One simulation of the plan in a child process at the given global quantum; prints its rates.
WholeRun simulate_timed(const Network& net, const CnnGraph& cnn, const PolicyPlan& plan, Platform plat,
                        Time quantum_ps, const std::string& auto_slicing) {
  plat.quantum_ps = quantum_ps;
  const auto t0 = std::chrono::steady_clock::now();
  const SimResult r = simulate_isolated(cnn, plan, plat, SimOptions{});
  const double s = seconds_since(t0);
  std::uint64_t transactions = 0;
  for (const PortContention& port : r.initiator_ports) transactions += port.transactions;
  const TaskId tasks = plan.run_graph(cnn).num_tasks();
  std::cout << "whole model: " << net.name << " (" << auto_slicing << ", " << plat.max_burst_bytes
            << "-byte bursts, quantum " << quantum_ps / 1000 << " ns), " << tasks << " tasks on "
            << plat.pes.size() << " PEs" << (plan.offchip ? " and the DMA" : "") << " (" << transactions
            << " transactions) in " << s << " s = " << static_cast<double>(tasks) / s << " tasks/s, "
            << static_cast<double>(transactions) / s << " transactions/s\n";
  return {s, r.makespan};
}

// Phase (c): plan in this process, simulate in a child, lock-step and with a quantum.
void whole_model(const std::string& network, const std::string& auto_slicing, const std::string& platform,
                 Time quantum_ps) {
  Network net = load_network_file(network);
  apply_slicing_options(net, auto_slicing, {}, "--auto-slicing");
  Platform plat = load_platform(platform);
  const CnnGraph cnn = build_cnn_graph(net, plat);
  // On chip only, a scratchpad never grows: size it, explicitly, to what the
  // HEFT plan needs. With DRAM the plan spills and reloads to stay within the
  // platform's scratchpad, which must hold the largest task: else twice that.
  if (!plat.has_dram)
    plat.scratchpad_bytes =
        std::max(plat.scratchpad_bytes, smallest_scratchpad(plan_policy(cnn, Policy::Heft)));
  try {
    plan_policy(cnn, Policy::Heft, plat);
  } catch (const InfeasibleCapacity& e) {
    plat.scratchpad_bytes = std::min(2 * e.smallest_feasible(), Platform::kMaxScratchpadBytes);
    std::cout << "whole model: the largest task needs " << e.smallest_feasible()
              << " bytes; scratchpad set to " << plat.scratchpad_bytes << " bytes\n";
  }
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft, plat);
  if (plan.offchip)
    std::cout << "whole model: off-chip HEFT plan within " << plat.scratchpad_bytes
              << " bytes: " << plan.offchip->graph.num_tasks() - cnn.graph.num_tasks() << " DMA tasks\n";
  const WholeRun lock = simulate_timed(net, cnn, plan, plat, 0, auto_slicing);
  if (quantum_ps == 0) return;
  const WholeRun decoupled = simulate_timed(net, cnn, plan, plat, quantum_ps, auto_slicing);
  std::cout << "quantum " << quantum_ps / 1000 << " ns against lock-step: speed-up "
            << lock.seconds / decoupled.seconds << " x, makespan " << decoupled.makespan << " ps vs "
            << lock.makespan << " ps ("
            << 100.0 * static_cast<double>(decoupled.makespan - lock.makespan) /
                   static_cast<double>(lock.makespan)
            << " %)\n";
}

}  // namespace

int modules_against_bare_loop(std::uint64_t transactions, std::uint64_t jobs, unsigned pes,
                              std::uint32_t bytes, bool contention);

int sc_main(int argc, char* argv[]) {
  std::uint64_t transactions = 10'000'000;
  std::uint64_t jobs = 1'000'000;
  unsigned pes = 4;
  std::uint32_t bytes = 64;
  bool contention = true;
  const std::string src = CNNSCHED_SOURCE_DIR;
  std::string network = src + "/configs/networks/vgg16.json", auto_slicing = "spatial:28";
  std::string platform = src + "/configs/platforms/default.json";
  std::uint64_t quantum_ns = 1000;
  po::options_description desc("tlm_bench: simulation speed of the cnnsched TLM modules vs a bare TLM loop");
  desc.add_options()("help,h", "show this help")(
      "transactions", count_option<std::uint64_t>(&transactions, "transactions", 1, 1'000'000'000),
      "bare loop: TLM transactions (1..10^9)")("jobs",
                                               count_option<std::uint64_t>(&jobs, "jobs", 1, 100'000'000),
                                               "our modules: jobs in total, 3 transactions each (1..10^8)")(
      "pes", count_option<unsigned>(&pes, "pes", 1, 1024), "our modules: processing elements (1..1024)")(
      "bytes", count_option<std::uint32_t>(&bytes, "bytes", 1, 4096),
      "our modules: bytes per transfer (1..4096)")(
      "contention", po::value(&contention)->default_value(true),
      "true: the router serialises transfers per target; false: no contention")(
      "network", po::value(&network)->default_value(network), "whole model: network (JSON or ONNX)")(
      "auto-slicing", po::value(&auto_slicing)->default_value(auto_slicing),
      "whole model: slicing of every layer (tile-bytes:N or spatial:K)")(
      "platform", po::value(&platform)->default_value(platform), "whole model: platform")(
      "quantum-ns", count_option<std::uint64_t>(&quantum_ns, "quantum-ns", 0, 1'000'000'000),
      "whole model: also simulate with this TLM global quantum and print the speed-up (0: skip)");
  return run_reporting_errors("tlm_bench", [&] {
    po::variables_map vm;
    if (!parse_command_line(argc, argv, desc, vm, "Usage: tlm_bench [options]"))
      return static_cast<int>(kExitOk);
    whole_model(network, auto_slicing, platform, static_cast<Time>(quantum_ns) * 1000);
    return modules_against_bare_loop(transactions, jobs, pes, bytes, contention);
  });
}

// Phases (a) and (b) in this process.
int modules_against_bare_loop(std::uint64_t transactions, std::uint64_t jobs, unsigned pes,
                              std::uint32_t bytes, bool contention) {
  BareTarget bare_target("bare_target");
  BareInitiator bare("bare", transactions);
  bare.socket.bind(bare_target.socket);
  JobFarm farm(pes, jobs, bytes, contention);

  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaboration, outside the timed phases
  auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();  // phase (a), until the bare initiator pauses
  const double bare_s = seconds_since(t0);

  farm.start();
  t0 = std::chrono::steady_clock::now();
  const sc_core::sc_time farm_begin = sc_core::sc_time_stamp();
  sc_core::sc_start();  // phase (b), until no activity is left
  const double ours_s = seconds_since(t0);

  const double bare_rate = static_cast<double>(transactions) / bare_s;
  const double job_rate = static_cast<double>(farm.jobs_done()) / ours_s;
  const double ours_rate = static_cast<double>(farm.transactions()) / ours_s;
  std::cout << "bare loop:   " << transactions << " transactions in " << bare_s << " s = " << bare_rate
            << " transactions/s\n";
  std::cout << "our modules: " << farm.jobs_done() << " jobs on " << pes << " PEs (" << farm.transactions()
            << " transactions, " << (sc_core::sc_time_stamp() - farm_begin).to_seconds() * 1e6
            << " us simulated) in " << ours_s << " s = " << job_rate << " jobs/s, " << ours_rate
            << " transactions/s\n";
  std::cout << "ratio ours/bare (transactions/s): " << ours_rate / bare_rate << "\n";
  return kExitOk;
}
