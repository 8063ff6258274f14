#pragma once
// The accelerator built from a Platform: N PEs and one scratchpad behind one
// router, plus the dispatcher that executes a policy's plan on them.
//
//   pe[i].socket -> router.in ; router.out[0] -> scratchpad.socket
//   address map: the scratchpad's local [0, size) at [kScratchpadBase, +size)
//
// The scratchpad has the platform's size, always: a plan whose peak exceeds it
// is refused (sim/platform/plan_fit.hpp, exit 3). A plan that fits by bytes
// but fragments first fit makes tasks wait for releases (the report counts them).
#include <cstdint>
#include <memory>
#include <systemc>
#include <vector>

#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/tlm_checker.hpp>
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/plan_dispatcher.hpp>

namespace cnnsched {

class Accelerator : public sc_core::sc_module {
 public:
  static constexpr std::uint64_t kScratchpadBase = 0;

  // The PEs in platform order, each named after its platform entry.
  sc_core::sc_vector<Pe> pes;
  std::unique_ptr<Router> router;
  std::unique_ptr<Scratchpad> scratchpad;
  std::unique_ptr<PlanDispatcher> dispatcher;
  sc_core::sc_vector<TlmChecker> checkers;  // one per PE when checking, else empty

  // `graph` and `plan` must outlive the module. Throws std::invalid_argument when
  // the plan's processors do not match the platform's PEs, ScratchpadTooSmall
  // when the plan does not fit the platform's scratchpad.
  // With check_tlm, a TlmChecker sits between each PE and the router. With
  // store_bytes (functional mode) the scratchpad holds real bytes; in timing
  // mode no transaction moves data.
  Accelerator(sc_core::sc_module_name name, const Platform& platform, const TaskGraph& graph,
              const PolicyPlan& plan, bool check_tlm = false, bool store_bytes = false);

  Bytes scratchpad_bytes() const { return scratchpad_bytes_; }

 private:
  Bytes scratchpad_bytes_;
};

}  // namespace cnnsched
