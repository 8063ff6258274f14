// Reuse example: a user's own SoC built from the cnnsched hardware modules.
//
// Default: two PEs and a traffic generator (standing for a DMA engine) share
// one Router in front of a Scratchpad. The PEs run a stream of small jobs
// while the DMA reads the scratchpad in the background; the run prints the
// router's per-port statistics and how much contention stretched each PE's
// jobs compared to the uncontended cost formula.
//
// --accelerator true: the platform's Accelerator as a peripheral (SoC mode, in
// functional mode, on a platform with DRAM). A host CPU on a bus in front of
// the accelerator's DRAM and registers (at the platform's bases) writes the
// network input and weights to their DRAM homes and the command list of a
// HEFT off-chip plan behind them, programs the registers, waits for the
// interrupt, checks STATUS, reads the counters and the network output back
// over the bus and checks it bit-exact against the untiled reference; then it
// starts a corrupted list and checks the error status and code, and finally
// runs the good list again (output checked again): the SoC kept running.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/traffic_generator.hpp>
#include <cnnsched/sched/command/command_list.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/functional/int_arithmetic.hpp>
#include <cnnsched/sched/functional/reference_model.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>
#include <cnnsched/sim/cli/count_option.hpp>
#include <cnnsched/sim/functional/functional_check.hpp>
#include <cnnsched/sim/functional/functional_dma.hpp>
#include <cnnsched/sim/functional/functional_model.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/traces/vcd_file.hpp>

namespace po = boost::program_options;
using namespace cnnsched;

namespace {

struct Options {
  bool accelerator = false;
  std::string network = CNNSCHED_SOURCE_DIR "/configs/networks/lenet5_c1s2c3.json";
  std::string platform = CNNSCHED_SOURCE_DIR "/configs/platforms/default_ddr4.json";
  unsigned jobs = 20;
  Time traffic_period_ps = 4000;
  std::uint64_t traffic_count = 100;
  bool contention = true;
  std::string vcd;
};

// Per PE: jobs, total job time, and what the same jobs cost without contention.
struct PeRecord {
  unsigned jobs = 0;
  Time actual = 0;
  Time ideal = 0;
};

// SystemC appends ".vcd" to the stem itself.
// The VCD (sim/traces/vcd_file.hpp): renamed into place only after a complete run.
std::unique_ptr<VcdFile> open_vcd(const std::string& path, Pe& pe0, Pe& pe1, Router& router,
                                  Scratchpad& spad) {
  auto vcd = std::make_unique<VcdFile>(path);
  sc_core::sc_trace_file* f = vcd->get();
  sc_core::sc_trace(f, pe0.busy, "pe0_busy");
  sc_core::sc_trace(f, pe1.busy, "pe1_busy");
  sc_core::sc_trace(f, pe0.current_task, "pe0_task");
  sc_core::sc_trace(f, pe1.current_task, "pe1_task");
  sc_core::sc_trace(f, router.bytes_moved, "bytes_moved");
  sc_core::sc_trace(f, spad.occupancy, "spad_occupancy");
  return vcd;
}

void print_router(const Router& router) {
  std::cout << "router ports:\n";
  const char* initiators[] = {"pe0", "pe1", "dma"};
  auto print = [](const std::string& label, const Router::PortStats& s) {
    std::cout << "  " << std::left << std::setw(14) << label << std::right << std::setw(8) << s.transactions
              << " transactions " << std::setw(9) << s.bytes << " bytes  busy " << std::setw(9)
              << to_ps(s.busy) << " ps  waited " << std::setw(8) << to_ps(s.contention_wait) << " ps\n";
  };
  for (unsigned i = 0; i < router.num_initiator_ports(); ++i)
    print(std::string("in[") + std::to_string(i) + "] " + initiators[i], router.initiator_stats(i));
  for (unsigned i = 0; i < router.num_target_ports(); ++i)
    print("out[" + std::to_string(i) + "] spad", router.target_stats(i));
}

void print_jobs(const std::vector<Pe*>& pes, const std::vector<PeRecord>& records, Time ideal_job) {
  std::cout << "\nPE jobs (uncontended job = " << ideal_job << " ps):\n";
  for (std::size_t k = 0; k < pes.size(); ++k) {
    const PeRecord& r = records[k];
    std::cout << "  " << pes[k]->name() << ": " << r.jobs << " jobs, " << r.actual << " ps busy, "
              << r.actual - r.ideal << " ps added by contention ("
              << (r.ideal > 0 ? 100.0 * static_cast<double>(r.actual - r.ideal) / static_cast<double>(r.ideal)
                              : 0.0)
              << " %)\n";
  }
}

int run(const Options& opt) {
  Platform platform;
  platform.interconnect = {1000, 16, 1000};  // 1 ns latency, 16 B per 1 ns cycle
  platform.scratchpad = {500, 8, 1000};      // 0.5 ns latency, 8 B per 1 ns cycle
  platform.scratchpad_bytes = 64 * 1024;
  const PeSpec pe_spec{"pe", 16, 1000};
  const std::uint64_t spad_base = 0x1000'0000;

  // 1. Instantiate and bind: initiators to router.in, the scratchpad to router.out.
  Scratchpad spad("spad", platform.scratchpad_bytes, platform.scratchpad);
  Router router("router", platform.interconnect, opt.contention);
  Pe pe0("pe0", pe_spec.macs_per_cycle, pe_spec.cycle_ps);
  Pe pe1("pe1", pe_spec.macs_per_cycle, pe_spec.cycle_ps);
  router.out.bind(spad.socket);  // target port 0
  router.map(0, spad_base, static_cast<std::uint64_t>(platform.scratchpad_bytes));

  // 2. Buffers: the scratchpad only serves accesses inside allocated blocks.
  const std::uint32_t in_bytes = 512;
  const std::uint32_t out_bytes = 256;
  const std::uint64_t input = spad_base + *spad.allocate(2 * in_bytes);
  const std::uint64_t dma_area = spad_base + *spad.allocate(4096);
  std::vector<std::uint64_t> outputs;
  for (int k = 0; k < 2; ++k) outputs.push_back(spad_base + *spad.allocate(out_bytes));

  TrafficConfig dma_config;
  dma_config.base = dma_area;
  dma_config.range = 4096;
  dma_config.bytes = 256;
  dma_config.period_ps = opt.traffic_period_ps;
  dma_config.count = opt.traffic_count;
  TrafficGenerator dma("dma", dma_config);
  pe0.socket.bind(router.in);  // initiator port 0
  pe1.socket.bind(router.in);  // initiator port 1
  dma.socket.bind(router.in);  // initiator port 2

  // 3. Jobs: each PE chains its next job from on_done.
  std::vector<Pe*> pes{&pe0, &pe1};
  std::vector<PeRecord> records(2);
  const Time ideal_job =
      2 * platform.access_time(in_bytes) + pe_spec.compute_time(8192) + platform.access_time(out_bytes);
  auto make_job = [&](int k, int n) {
    PeJob job;
    job.task = k * 1000 + n;
    job.reads = {{input, in_bytes}, {input + in_bytes, in_bytes}};
    job.macs = 8192;
    job.write = {outputs[static_cast<std::size_t>(k)], out_bytes};
    return job;
  };
  for (int k = 0; k < 2; ++k) {
    pes[static_cast<std::size_t>(k)]->on_done = [&, k](const PeJob&, sc_core::sc_time s, sc_core::sc_time f) {
      PeRecord& r = records[static_cast<std::size_t>(k)];
      ++r.jobs;
      r.actual += to_ps(f - s);
      r.ideal += ideal_job;
      if (r.jobs < opt.jobs) pes[static_cast<std::size_t>(k)]->start(make_job(k, static_cast<int>(r.jobs)));
    };
    if (opt.jobs > 0) pes[static_cast<std::size_t>(k)]->start(make_job(k, 0));
  }

  // 4. Optional waveform of the modules' public signals.
  const std::unique_ptr<VcdFile> vcd = opt.vcd.empty() ? nullptr : open_vcd(opt.vcd, pe0, pe1, router, spad);
  sc_core::sc_start();
  if (vcd) vcd->commit();

  std::cout << "simulated " << to_ps(sc_core::sc_time_stamp()) << " ps with contention "
            << (opt.contention ? "on" : "off") << "\n\n";
  print_router(router);
  print_jobs(pes, records, ideal_job);
  std::cout << "dma: " << dma.issued() << " transfers, " << dma.errors() << " errors, mean latency "
            << (dma.issued() ? dma.total_latency() / static_cast<double>(dma.issued())
                             : sc_core::SC_ZERO_TIME)
            << "\nscratchpad: " << spad.stats().reads << " reads, " << spad.stats().writes
            << " writes, high water " << spad.high_water() << " of " << spad.capacity() << " bytes\n";
  return kExitOk;
}

// --accelerator -------------------------------------------------------------

constexpr int kExitCheckFailed = 1;  // the SoC did not behave as expected

bool report(const char* what, const HostRun& r, std::uint32_t status, std::uint32_t code) {
  const bool ok = r.status == status && r.error_code == code;
  std::cout << what << ": started at " << to_ps(r.started) << " ps, interrupt at " << to_ps(r.interrupted)
            << " ps, STATUS 0x" << std::hex << r.status << " ERROR_CODE 0x" << r.error_code << std::dec
            << (ok ? "  (as expected)\n" : "  (UNEXPECTED)\n");
  return ok;
}

// A good run's output as the host read it back, against the untiled reference.
bool check_output(const char* what, const HostRun& r, const FunctionalModel& model, const Network& net,
                  const CnnGraph& cnn, const ReferenceResult& reference) {
  const FunctionalCheck check = check_functional(net, cnn, model.outputs_from(r.read_back), reference);
  const RunCounters& c = r.counters;
  std::cout << what << ": output read back by the host, " << check.tiles << " tiles / " << check.elements
            << " elements " << (check.ok() ? "bit-exact with the reference" : "DIFFER from the reference")
            << "\n  counters: MAKESPAN " << c.makespan << " cycles, TASKS_DONE " << c.tasks_done
            << ", DRAM_RD " << c.dram_bytes_read << " B, DRAM_WR " << c.dram_bytes_written << " B, ENERGY "
            << c.energy_pj << " pJ\n";
  if (!check.ok()) std::cout << mismatch_text(check);
  return check.ok();
}

int run_accelerator(const Options& opt) {
  const Platform platform = load_platform(opt.platform);
  if (!platform.has_dram)
    throw InputError(opt.platform, "dram",
                     "--accelerator true needs a platform with dram (the host's memory and the plan's), e.g. "
                     "configs/platforms/default_ddr4.json");
  const Network net = load_network(opt.network);
  if (!functional_width_supported(net.element_bytes))
    throw InputError(
        net.source, "element_bytes",
        "--accelerator true runs functional mode: 1, 2 or 4, not " + std::to_string(net.element_bytes));
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft, platform);
  const int processors = static_cast<int>(platform.pes.size()) + (plan.offchip ? platform.dma_channels : 0);
  const std::vector<unsigned char> good = encode_command_list(plan.run_schedule(), processors);
  std::vector<unsigned char> bad = good;
  bad[0] = 'X';  // the magic
  const std::uint64_t list_address = soc_command_list_address(platform, plan, good.size());
  const ReferenceResult reference = run_reference(net);

  // The accelerator (functional: real bytes), its data hooks, and the SoC: a
  // host and the command fetcher on a bus in front of the accelerator's DRAM
  // window and its registers, at the platform's bases.
  tlm::tlm_global_quantum::instance().set(to_sc_time(platform.quantum_ps));
  SocOptions soc;
  soc.cnn = &cnn;
  Accelerator accelerator("accelerator", platform, cnn.graph, plan, false, true, soc);
  FunctionalDma data_port("functional_dma");
  data_port.socket.bind(accelerator.router->in);
  FunctionalModel model(net, cnn, plan, accelerator, data_port, false, kDefaultDataSeed, true);

  HostJob run_good;
  run_good.list = good;
  run_good.list_address = list_address;
  run_good.writes = model.dram_image();  // input, weights, poisoned output homes
  for (const auto& o : model.dram_outputs())
    run_good.reads.push_back({o.address, std::vector<unsigned char>(o.bytes)});
  HostJob run_bad;
  run_bad.list = bad;
  run_bad.list_address = list_address;
  const std::uint64_t register_base = accelerator.registers->base();
  HostCpu host("host", register_base, {run_good, run_bad, run_good},
               static_cast<unsigned>(platform.max_burst_bytes));
  Router bus("bus", platform.interconnect, opt.contention);
  host.socket.bind(bus.in);
  accelerator.fetcher->socket.bind(bus.in);
  bus.out.bind(accelerator.dram_port->socket);
  bus.out.bind(accelerator.registers->socket);
  bus.map(0, platform.dram.base, static_cast<std::uint64_t>(platform.dram.bytes));
  bus.map(1, register_base, accelerator.registers->size());
  host.irq.bind(accelerator.registers->irq);
  sc_core::sc_start();  // ends when the host's sequence is done and nothing else is active

  std::cout << "accelerator in SoC mode (functional, DRAM " << platform.dram.preset
            << "): " << plan.run_graph(cnn).num_tasks() << " tasks on " << platform.pes.size() << " PEs and "
            << platform.dma_channels << " DMA channels\n  DRAM at 0x" << std::hex << platform.dram.base
            << ", registers at 0x" << register_base << ", command list " << std::dec << good.size()
            << " bytes at 0x" << std::hex << list_address << std::dec << " (after the plan's "
            << plan.offchip->dram_bytes_used << " bytes of homes), input+weights image "
            << run_good.writes.size() << " blocks, " << run_good.reads.size() << " output tiles\n";
  const std::vector<HostRun>& runs = host.runs();
  if (runs.size() != 3) {
    std::cout << "the host finished " << runs.size() << " of 3 runs"
              << (host.bus_error().empty() ? "" : "; bus error: " + host.bus_error()) << "\n";
    return kExitCheckFailed;
  }
  bool ok = report("good list      ", runs[0], reg::kStatusDone, 0);
  ok = check_output("good list      ", runs[0], model, net, cnn, reference) && ok;
  ok = report("corrupted list ", runs[1], reg::kStatusError,
              static_cast<std::uint32_t>(CommandListErrorCode::kBadMagic)) &&
       ok;
  ok = report("good list again", runs[2], reg::kStatusDone, 0) && ok;
  ok = check_output("good list again", runs[2], model, net, cnn, reference) && ok;
  std::cout << "makespan " << accelerator.dispatcher->makespan() << " ps (planned "
            << plan.run_schedule().makespan() << "), scratchpad peak " << accelerator.dispatcher->peak()
            << " bytes\n";
  return ok ? kExitOk : kExitCheckFailed;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  Options opt;
  po::options_description desc(
      "soc_example: 2 PEs and a DMA share a router in front of a scratchpad; with --accelerator a host CPU "
      "drives the accelerator through its registers");
  desc.add_options()("help,h", "show this help")(
      "accelerator", po::value(&opt.accelerator)->default_value(false),
      "true: drive the platform's accelerator from a host CPU through its registers instead")(
      "network", po::value(&opt.network)->default_value(opt.network),
      "with --accelerator true: network config")("platform",
                                                 po::value(&opt.platform)->default_value(opt.platform),
                                                 "with --accelerator true: platform config")(
      "jobs", count_option<unsigned>(&opt.jobs, "jobs", 0, 1'000'000), "jobs per PE (0..10^6)")(
      "traffic-period-ps", po::value(&opt.traffic_period_ps)->default_value(opt.traffic_period_ps),
      "DMA: time between transfers (ps)")(
      "traffic-count", count_option<std::uint64_t>(&opt.traffic_count, "traffic-count", 0, 10'000'000),
      "DMA: transfers (0..10^7)")("contention", po::value(&opt.contention)->default_value(opt.contention),
                                  "true: the router serialises transfers per target; false: no contention")(
      "vcd", po::value(&opt.vcd), "write a VCD waveform of busy/occupancy signals to this file");
  return run_reporting_errors("soc_example", [&] {
    po::variables_map vm;
    if (!parse_command_line(argc, argv, desc, vm, "Usage: soc_example [options]"))
      return static_cast<int>(kExitOk);
    if (vm.count("vcd") && opt.vcd.empty()) throw InputError("--vcd", "", "must name a file, got ''");
    if (!opt.vcd.empty() && (opt.vcd.size() < 4 || opt.vcd.compare(opt.vcd.size() - 4, 4, ".vcd") != 0))
      opt.vcd += ".vcd";  // SystemC's own habit: the suffix is added
    if (opt.traffic_period_ps <= 0) throw InputError("--traffic-period-ps", "", "must be positive");
    return opt.accelerator ? run_accelerator(opt) : run(opt);
  });
}
