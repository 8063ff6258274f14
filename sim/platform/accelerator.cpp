#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/platform/sim_energy.hpp>

namespace cnnsched {

namespace {

// sc_object names may not contain '.' or spaces (they separate the hierarchy).
std::string module_name(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out.empty() ? "pe" + std::to_string(index) : out;
}

// The counts of `after` not yet in `before` (both cumulative).
ActionCounts difference(const ActionCounts& after, const ActionCounts& before) {
  ActionCounts d;
  d.macs = after.macs - before.macs;
  d.scratchpad_reads = after.scratchpad_reads - before.scratchpad_reads;
  d.scratchpad_writes = after.scratchpad_writes - before.scratchpad_writes;
  d.interconnect_bytes = after.interconnect_bytes - before.interconnect_bytes;
  for (std::size_t k = 0; k < kDramKinds; ++k)
    d.dram[k] = DramActions{after.dram[k].bursts - before.dram[k].bursts,
                            after.dram[k].activations - before.dram[k].activations};
  return d;
}

}  // namespace

std::uint64_t makespan_in_clock(Time makespan_ps, Time cycle_ps) {
  if (makespan_ps <= 0) return 0;
  const Time m = makespan_ps;
  return static_cast<std::uint64_t>(cycle_ps > 0 ? (m + cycle_ps - 1) / cycle_ps : m);
}

Accelerator::Accelerator(sc_core::sc_module_name name, const Platform& platform, const TaskGraph& graph,
                         const PolicyPlan& plan, bool check_tlm, bool store_bytes,
                         const std::optional<SocOptions>& soc)
    : sc_core::sc_module(name),
      pes("pes"),
      checkers("tlm_checkers"),
      scratchpad_bytes_(std::max<Bytes>(platform.scratchpad_bytes, 1)) {
  if (plan.offchip && !platform.has_dram)
    throw std::invalid_argument("an off-chip plan needs a platform with dram; '" + platform.name +
                                "' has none");
  if (static_cast<int>(platform.pes.size()) != graph.num_processors())
    throw std::invalid_argument("the plan uses " + std::to_string(graph.num_processors()) +
                                " processors but platform '" + platform.name + "' has " +
                                std::to_string(platform.pes.size()) + " PEs");
  Platform map = platform;  // the address map as the SoC sees it
  if (soc && soc->register_base) map.register_base = *soc->register_base;
  const std::string overlap = map.address_overlap();
  if (!overlap.empty()) throw std::invalid_argument("platform '" + platform.name + "': " + overlap);
  check_plan_fits(graph, plan, platform);  // never grows: a plan that does not fit is exit 3
  router = std::make_unique<Router>("router", platform.interconnect, platform.contention);
  scratchpad =
      std::make_unique<Scratchpad>("scratchpad", scratchpad_bytes_, platform.scratchpad, store_bytes);
  pes.init(platform.pes.size(), [&](const char*, std::size_t i) {
    const PeSpec& spec = platform.pes[i];
    return new Pe(module_name(spec.name, i).c_str(), spec.macs_per_cycle, spec.cycle_ps,
                  static_cast<std::uint32_t>(platform.max_burst_bytes));
  });
  if (check_tlm)
    checkers.init(platform.pes.size() + (plan.offchip ? 1 : 0), [&](const char*, std::size_t i) {
      const std::string of = i < platform.pes.size() ? module_name(platform.pes[i].name, i) : "dma";
      return new TlmChecker(("check_" + of).c_str());
    });
  std::vector<Pe*> raw;
  for (std::size_t i = 0; i < pes.size(); ++i) {
    bind_initiator(pes[i].socket, i, check_tlm);
    raw.push_back(&pes[i]);
  }
  router->out.bind(scratchpad->socket);
  router->map(0, platform.scratchpad_base, static_cast<std::uint64_t>(scratchpad_bytes_));
  if (plan.offchip) {
    make_offchip(platform, store_bytes);
    bind_initiator(dma->socket, pes.size(), check_tlm);
  }

  PlanDispatcher::Plan dp;
  dp.graph = plan.offchip ? &plan.offchip->graph : &graph;
  dp.buffers = &plan.run_buffers();
  dp.work = &plan.run_work();
  dp.schedule = &plan.run_schedule();
  dp.capacity = plan.offchip                          ? plan.run_capacity()
                : plan.schedule.dispatch_capacity > 0 ? plan.schedule.dispatch_capacity
                                                      : plan.capacity;
  dp.layer_barrier = plan.policy == Policy::LayerByLayer;
  dp.wait_for_start = soc.has_value();
  if (plan.offchip) {
    dp.transfers = &plan.offchip->transfers;
    dp.dram_base = platform.dram.base;
    dp.addresses = &plan.offchip->address;
  }
  dispatcher = std::make_unique<PlanDispatcher>("dispatcher", dp, raw, *scratchpad, platform.scratchpad_base,
                                                dma.get());
  if (soc) make_soc_front(*soc, platform, plan.offchip ? plan.offchip->graph : graph, plan);
}

void Accelerator::bind_initiator(tlm::tlm_initiator_socket<>& socket, std::size_t index, bool check_tlm) {
  if (check_tlm) {
    socket.bind(checkers[index].in);
    checkers[index].out.bind(router->in);
  } else {
    socket.bind(router->in);
  }
}

void Accelerator::make_offchip(const Platform& platform, bool store_bytes) {
  dram = std::make_unique<Dram>("dram", platform.dram, store_bytes, platform.contention);
  dma = std::make_unique<Dma>("dma", platform.dma_channels,
                              static_cast<std::uint32_t>(platform.max_burst_bytes));
  router->out.bind(dram->socket);
  router->map(1, platform.dram.base, static_cast<std::uint64_t>(platform.dram.bytes));
}

void Accelerator::make_soc_front(const SocOptions& soc, const Platform& platform, const TaskGraph& run_graph,
                                 const PolicyPlan& plan) {
  static_assert(kRegisterBlockBytes <= Platform::kRegisterWindowBytes);
  registers = std::make_unique<AcceleratorRegisters>(
      "registers", soc.register_base.value_or(platform.register_base), soc.register_latency);
  if (dram) {
    dram_port = std::make_unique<AddressBridge>("dram_port", platform.dram.base);
    dram_port->out.bind(router->in);
  }
  const int processors = static_cast<int>(pes.size()) + (dma ? dma->num_channels() : 0);
  const CommandListExpect expect{run_graph.num_tasks(), processors};
  // The fetcher's thread runs the list: it waits here until the dispatcher ends the run.
  const Time cycle = platform.interconnect.cycle_ps;
  const CnnGraph* cnn = soc.cnn;
  auto run = [this, cycle, cnn, &plan, platform](const CommandList& list) -> std::uint32_t {
    const Dram::Stats dram_before = dram ? dram->stats() : Dram::Stats{};
    const ActionCounts actions_before =
        cnn ? simulated_actions(*this, *cnn, plan, platform, {}) : ActionCounts{};
    if (!dispatcher->begin(list.schedule)) return kErrorScheduleRefused;
    sc_core::wait(dispatcher->run_done());
    const bool done = dispatcher->finished();
    const auto& runs = dispatcher->runs();
    RunCounters c;
    c.makespan = done ? makespan_in_clock(dispatcher->makespan(), cycle) : 0;
    c.tasks_done = static_cast<std::uint32_t>(
        std::count_if(runs.begin(), runs.end(), [](const TaskRun& r) { return r.finish >= 0; }));
    if (dram) {
      c.dram_bytes_read = dram->stats().bytes_read - dram_before.bytes_read;
      c.dram_bytes_written = dram->stats().bytes_written - dram_before.bytes_written;
    }
    if (cnn && done) {
      const ActionCounts run_actions = difference(
          simulated_actions(*this, *cnn, plan, platform, dispatcher->memory_events()), actions_before);
      const EnergyBreakdown e = compute_energy(run_actions, energy_table(platform), platform,
                                               cnn->element_bytes, dispatcher->makespan());
      c.energy_pj = static_cast<std::uint64_t>(std::llround(e.total_pj()));
    }
    registers->report_counters(c);
    return done ? 0 : kErrorRunStalled;
  };
  fetcher = std::make_unique<CommandFetcher>("command_fetcher", *registers, expect,
                                             static_cast<std::uint32_t>(platform.max_burst_bytes),
                                             soc.max_command_bytes, run);
}

std::uint64_t soc_command_list_address(const Platform& platform, const PolicyPlan& plan,
                                       std::size_t list_bytes) {
  const std::uint64_t used = plan.offchip ? static_cast<std::uint64_t>(plan.offchip->dram_bytes_used) : 0;
  const std::uint64_t offset = (used + 63) / 64 * 64;
  const auto size = static_cast<std::uint64_t>(platform.dram.bytes);
  if (!platform.has_dram || offset > size || list_bytes > size - offset)
    throw InputError("platform '" + platform.name + "'", "dram.bytes",
                     "the command list (" + std::to_string(list_bytes) +
                         " bytes) must fit behind the plan's " + std::to_string(used) +
                         " bytes of DRAM homes, the DRAM has " + std::to_string(size));
  return platform.dram.base + offset;
}

}  // namespace cnnsched
