#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>

namespace cnnsched {

namespace {

// sc_object names may not contain '.' or spaces (they separate the hierarchy).
std::string module_name(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out.empty() ? "pe" + std::to_string(index) : out;
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
  if (plan.offchip && soc)
    throw std::invalid_argument("platform '" + platform.name +
                                "': SoC mode runs on-chip plans only so far (a platform without dram)");
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
  if (soc) make_soc_front(*soc, platform, graph);
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

void Accelerator::make_soc_front(const SocOptions& soc, const Platform& platform, const TaskGraph& graph) {
  static_assert(kRegisterBlockBytes <= Platform::kRegisterWindowBytes);
  registers = std::make_unique<AcceleratorRegisters>(
      "registers", soc.register_base.value_or(platform.register_base), soc.register_latency);
  const CommandListExpect expect{graph.num_tasks(), static_cast<int>(pes.size())};
  // The fetcher's thread runs the list: it waits here until the dispatcher ends the run.
  const Time cycle = platform.interconnect.cycle_ps;
  auto run = [this, cycle](const CommandList& list) -> std::uint32_t {
    if (!dispatcher->begin(list.schedule)) return kErrorScheduleRefused;
    sc_core::wait(dispatcher->run_done());
    const bool done = dispatcher->finished();
    const auto& runs = dispatcher->runs();
    const auto tasks =
        std::count_if(runs.begin(), runs.end(), [](const TaskRun& r) { return r.finish >= 0; });
    registers->report_counters(done ? makespan_in_clock(dispatcher->makespan(), cycle) : 0,
                               static_cast<std::uint32_t>(tasks));
    return done ? 0 : kErrorRunStalled;
  };
  fetcher = std::make_unique<CommandFetcher>("command_fetcher", *registers, expect,
                                             static_cast<std::uint32_t>(platform.max_burst_bytes),
                                             soc.max_command_bytes, run);
}

}  // namespace cnnsched
