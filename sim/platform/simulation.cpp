#include <algorithm>
#include <memory>
#include <systemc>
#include <tlm>

#include <cnnsched/hw/sanitizer_stack.hpp>
#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/functional/reference_model.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sched/offchip/planned_traffic.hpp>
#include <cnnsched/sim/functional/functional_check.hpp>
#include <cnnsched/sim/functional/functional_dma.hpp>
#include <cnnsched/sim/functional/functional_model.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/platform/isolated_run.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/platform/sim_energy.hpp>
#include <cnnsched/sim/platform/sim_result_json.hpp>
#include <cnnsched/sim/platform/simulation.hpp>
#include <cnnsched/sim/traces/dram_csv.hpp>
#include <cnnsched/sim/traces/gtkw_file.hpp>
#include <cnnsched/sim/traces/memory_csv.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>
#include <cnnsched/sim/traces/perfetto_trace.hpp>
#include <cnnsched/sim/traces/sim_report.hpp>
#include <cnnsched/sim/traces/timeline_csv.hpp>
#include <cnnsched/sim/traces/vcd_trace.hpp>

namespace cnnsched {

namespace {

PortContention port(const std::string& name, const Router::PortStats& s) {
  return {name, s.transactions, s.bytes, to_ps(s.busy), to_ps(s.contention_wait)};
}

// Time-weighted mean occupancy over [0, makespan].
double mean_occupancy(const std::vector<SimMemoryEvent>& events, Time makespan) {
  if (makespan <= 0) return 0;
  double area = 0;
  Time last = 0;
  Bytes level = 0;
  for (const SimMemoryEvent& e : events) {
    area += static_cast<double>(level) * static_cast<double>(e.time - last);
    last = e.time;
    level = e.in_use;
  }
  area += static_cast<double>(level) * static_cast<double>(std::max<Time>(makespan - last, 0));
  return area / static_cast<double>(makespan);
}

// Other initiators' bursts called earlier but timed later than one burst can be
// served first: at most one quantum plus one burst of each, per other initiator.
Time decoupling_error_bound(const Platform& platform, unsigned initiators) {
  if (platform.quantum_ps == 0 || !platform.contention || initiators < 2) return 0;
  const Time burst = platform.interconnect.occupancy(platform.max_burst_bytes);
  return static_cast<Time>(initiators - 1) * (platform.quantum_ps + burst);
}

// The off-chip side of a run: the transfers that ran, by kind, and what the
// DRAM and the DMA counted.
void collect_dram(SimResult& r, const Accelerator& acc, const CnnGraph& cnn, const PolicyPlan& plan,
                  const Platform& platform) {
  if (!plan.offchip) return;
  SimDram& d = r.dram;
  d.present = true;
  const std::vector<DataKind> kinds = data_kinds(cnn);
  for (const TaskRun& run : acc.dispatcher->runs()) {
    const Transfer& t = plan.offchip->transfers[static_cast<std::size_t>(run.task)];
    if (run.finish >= 0 && t.kind != TransferKind::kNone)
      d.traffic.add(t, kinds[static_cast<std::size_t>(t.data)]);
  }
  const Dram::Stats& s = acc.dram->stats();
  d.bytes_read = s.bytes_read;
  d.bytes_written = s.bytes_written;
  d.row_hits = s.row_hits;
  d.row_misses = s.row_misses;
  d.row_conflicts = s.row_conflicts;
  d.data_bus_busy = s.data_busy_ps;
  for (int c = 0; c < acc.dma->num_channels(); ++c) d.dma_busy.push_back(acc.dma->stats(c).busy_ps);
  d.bytes_used = plan.offchip->dram_bytes_used;
  const double peak = platform.dram.peak_bytes_per_second() * static_cast<double>(r.makespan) * 1e-12;
  if (peak > 0) d.bandwidth_utilisation = static_cast<double>(s.bytes_read + s.bytes_written) / peak;
}

void collect(SimResult& r, const Accelerator& acc, const CnnGraph& cnn, const PolicyPlan& plan,
             const Platform& platform) {
  const PlanDispatcher& d = *acc.dispatcher;
  r.policy = policy_name(plan.policy);
  r.platform = platform.name;
  r.contention = platform.contention;
  r.quantum_ps = platform.quantum_ps;
  r.burst_error_bound_ps = decoupling_error_bound(platform, acc.router->num_initiator_ports());
  r.num_pes = static_cast<int>(platform.pes.size());
  r.makespan = d.makespan();
  r.peak = d.peak();
  r.memory_events = d.memory_events();
  r.mean_bytes = mean_occupancy(r.memory_events, r.makespan);
  r.planned_makespan = plan.run_schedule().makespan();
  r.planned_peak = plan.profile.peak_bytes;
  r.planned_mean_bytes = plan.profile.mean_bytes;
  r.capacity = plan.run_capacity();
  r.dispatch_capacity = plan.schedule.dispatch_capacity;
  r.scratchpad_bytes = acc.scratchpad_bytes();
  r.platform_scratchpad_bytes = platform.scratchpad_bytes;
  for (const SimMemoryEvent& e : r.memory_events)
    if (!e.move) ++(e.alloc ? r.allocations : r.releases);
  r.capacity_wait_tasks = d.capacity_waits().tasks;
  r.capacity_wait_time = d.capacity_waits().time;
  r.allocator_wait_tasks = d.allocator_waits().tasks;
  r.allocator_wait_time = d.allocator_waits().time;
  for (const TlmChecker& checker : acc.checkers) r.tlm_transactions_checked += checker.transactions_checked();
  r.compactions = d.compactions().count;
  r.compaction_bytes = d.compactions().bytes_moved;
  r.compaction_time = d.compactions().time;

  for (const TaskRun& run : d.runs()) {
    const Slot& s = plan.run_schedule().slots[static_cast<std::size_t>(run.task)];
    SimTaskTime t{run.task, run.pe, s.start, s.finish, run.start, run.finish, run.limit};
    if (t.start > t.planned_start) {
      ++r.tasks_started_late;
      r.max_start_delay = std::max(r.max_start_delay, t.start - t.planned_start);
    }
    const Time stretch = (t.finish - t.start) - (t.planned_finish - t.planned_start);
    if (stretch > 0) {
      ++r.tasks_stretched;
      r.stretch_total += stretch;
    }
    if (t.start != t.planned_start || t.finish != t.planned_finish) ++r.tasks_mismatched;
    r.tasks.push_back(t);
  }

  const Router& router = *acc.router;
  // PE ports (and the DMA's) only: functional mode's data port carries debug transport, no timed traffic.
  const unsigned timed_ports = static_cast<unsigned>(r.num_pes) + (acc.dma ? 1u : 0u);
  for (unsigned i = 0; i < std::min(router.num_initiator_ports(), timed_ports); ++i)
    r.initiator_ports.push_back(port(i < static_cast<unsigned>(r.num_pes)
                                         ? cnn.graph.processor_name(static_cast<int>(i))
                                         : std::string("dma"),
                                     router.initiator_stats(i)));
  for (unsigned i = 0; i < router.num_target_ports(); ++i) {
    r.target_ports.push_back(port(i == 0               ? "scratchpad"
                                  : acc.dram && i == 1 ? "dram"
                                                       : "target" + std::to_string(i),
                                  router.target_stats(i)));
    r.contention_wait += r.target_ports.back().wait;
  }
  collect_dram(r, acc, cnn, plan, platform);

  const EnergyTable table = energy_table(platform);
  r.actions = simulated_actions(acc, cnn, plan, platform, r.memory_events);
  r.energy = compute_energy(r.actions, table, platform, cnn.element_bytes, r.makespan);
  r.planned_actions = estimate_actions(cnn, plan, platform);
  r.planned_energy =
      compute_energy(r.planned_actions, table, platform, cnn.element_bytes, r.planned_makespan);
}

}  // namespace

SimResult simulate(const CnnGraph& cnn, const PolicyPlan& plan, const Platform& platform,
                   const SimOptions& options) {
  const bool files = !options.trace_dir.empty();
  auto path = [&](const char* suffix) { return output_path(options.trace_dir, options.stem, suffix); };

  // The standalone run owns the global quantum (inside a user's SoC the SoC sets it).
  tlm::tlm_global_quantum::instance().set(to_sc_time(platform.quantum_ps));
  Accelerator accelerator("accelerator", platform, cnn.graph, plan, options.check_tlm, options.functional);
  // Functional mode: a DMA port on the router and the data hooks; nothing of it exists in timing mode.
  std::unique_ptr<FunctionalDma> dma;
  std::unique_ptr<FunctionalModel> functional;
  if (options.functional) {
    if (!options.network) throw std::invalid_argument("functional mode needs SimOptions::network");
    if (!functional_width_supported(options.network->element_bytes))
      throw InputError(options.network->source, "element_bytes",
                       "functional mode supports 1, 2 or 4 bytes per element (int8, int16, int32), not " +
                           std::to_string(options.network->element_bytes));
    dma = std::make_unique<FunctionalDma>("functional_dma");
    dma->socket.bind(accelerator.router->in);
    functional = std::make_unique<FunctionalModel>(*options.network, cnn, plan, accelerator, *dma,
                                                   options.check_all_layers);
  }
  std::unique_ptr<VcdTrace> vcd;
  if (files && options.vcd) vcd = std::make_unique<VcdTrace>(path(".vcd"), accelerator);
  sc_core::sc_start();
  announce_thread_stack();
  if (vcd) vcd->close();
  if (!accelerator.dispatcher->finished())
    throw SimulationError(policy_name(plan.policy) + std::string(" plan on platform '") + platform.name +
                          "': " + accelerator.dispatcher->error());

  SimResult result;
  collect(result, accelerator, cnn, plan, platform);
  if (functional) {
    const FunctionalCheck check =
        check_functional(*options.network, cnn, functional->captured(), run_reference(*options.network));
    result.functional_checked = true;
    result.functional_ok = check.ok();
    result.functional_tiles = check.tiles;
    result.functional_elements = check.elements;
    result.functional_mismatch_tiles = check.mismatches.size();
    result.functional_mismatches = mismatch_text(check);
  }
  result.report_text = sim_report_text(result);
  const auto fail_if_mismatch = [&] {
    if (options.fail_on_mismatch && result.functional_checked && !result.functional_ok)
      throw SimulationError(policy_name(plan.policy) + std::string(" plan on platform '") + platform.name +
                            "': the functional check failed, " +
                            std::to_string(result.functional_mismatch_tiles) +
                            " tiles differ from the reference:\n" + result.functional_mismatches);
  };
  if (!files) {
    fail_if_mismatch();
    return result;
  }
  // Every file under a temporary name, all renamed into place at the end: a
  // run that fails while writing replaces none of the previous run's files.
  OutputBatch batch;
  if (vcd) {
    vcd->commit();
    result.files.vcd = vcd->path();
    result.files.gtkw = path(".gtkw");
    write_gtkw(result.files.gtkw, result.files.vcd, vcd->signals(), result.makespan);
  }
  if (options.csv) {
    result.files.memory_csv = path(".memory.csv");
    write_memory_csv(result.files.memory_csv, result, plan.run_graph(cnn), plan.run_buffers());
    result.files.timeline_csv = path(".timeline.csv");
    write_timeline_csv(result.files.timeline_csv, result, cnn, plan.run_graph(cnn));
    if (plan.offchip) {
      result.files.dram_csv = path(".dram.csv");
      write_dram_csv(result.files.dram_csv, result, *plan.offchip, platform.dram.base);
    }
  }
  if (options.perfetto) {
    result.files.perfetto = path(".perfetto.json");
    write_perfetto_trace(result.files.perfetto, result, plan.run_graph(cnn), plan.offchip.get());
  }
  result.files.report = path(".report.txt");
  write_output_file(result.files.report, result.report_text);
  batch.commit();
  fail_if_mismatch();
  return result;
}

SimResult simulate_isolated(const CnnGraph& cnn, const PolicyPlan& plan, const Platform& platform,
                            const SimOptions& options) {
  check_plan_fits(cnn.graph, plan, platform);  // here, so the message keeps every detail
  return sim_result_from_json(
      run_isolated([&] { return sim_result_to_json(simulate(cnn, plan, platform, options)); }));
}

}  // namespace cnnsched
