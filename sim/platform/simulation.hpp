#pragma once
// Simulates a policy's plan on the SystemC accelerator built from a platform
// and writes its traces and report.
//
// Files (when trace_dir is not empty), named <trace_dir>/<stem><suffix>:
//   .vcd / .gtkw        waveforms and a GTKWave layout (vcd)
//   .memory.csv         every allocation and release (csv)
//   .timeline.csv       planned vs simulated times per task (csv)
//   .dram.csv           off-chip plans: every transfer, its kind, bytes and times (csv)
//   .perfetto.json      the executed schedule for ui.perfetto.dev (perfetto)
//   .report.txt         the text report (always)
#include <string>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/sim_result.hpp>
#include <cnnsched/sim/platform/simulation_error.hpp>

namespace cnnsched {

#ifdef CNNSCHED_TLM_CHECKS
inline constexpr bool kTlmChecksByDefault = true;
#else
inline constexpr bool kTlmChecksByDefault = false;
#endif

struct SimOptions {
  std::string trace_dir;  // "" writes no files
  std::string stem = "sim";
  bool vcd = true;
  bool csv = true;
  bool perfetto = true;
  // Functional mode (sim/functional_model.hpp): real data through the model,
  // checked bit-exact against the untiled reference (sched/reference_model.hpp).
  // Timing is identical to timing mode; the result's functional_* fields say how it went.
  bool functional = false;
  bool check_all_layers = false;     // also compare every tile as written, not only the network outputs
  const Network* network = nullptr;  // functional mode: the network `cnn` was built from (required)
  bool fail_on_mismatch = false;  // functional mode: throw SimulationError on a mismatch (after the report)
  // A TLM-2.0 base-protocol checker (hw/tlm_checker.hpp) between every PE and
  // the router; on by default in sanitizer and debug builds (CNNSCHED_TLM_CHECKS).
  bool check_tlm = kTlmChecksByDefault;
};

// Elaborates and runs the simulation in THIS process, which SystemC allows once
// per process: use it in a test or a single-run tool, simulate_isolated()
// anywhere else. Throws SimulationError when the plan stalls in the simulator,
// std::invalid_argument when plan and platform do not fit together (or
// functional mode lacks the network), InputError when functional mode does not
// support the network's element width.
SimResult simulate(const CnnGraph& cnn, const PolicyPlan& plan, const Platform& platform,
                   const SimOptions& options = {});

// The same in a forked child process (see sim/isolated_run.hpp): may be called
// any number of times from a process that has not elaborated SystemC modules.
SimResult simulate_isolated(const CnnGraph& cnn, const PolicyPlan& plan, const Platform& platform,
                            const SimOptions& options = {});

}  // namespace cnnsched
