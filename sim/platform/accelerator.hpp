#pragma once
// The accelerator built from a Platform: N PEs and one scratchpad behind one
// router, plus the dispatcher that executes a policy's plan on them.
//
//   pe[i].socket -> router.in ; router.out[0] -> scratchpad.socket
//   address map: the scratchpad's local [0, size) at [platform.scratchpad_base, +size)
// With an off-chip plan (PolicyPlan::offchip, a platform with "dram") also
//   dma.socket -> router.in ; router.out[1] -> dram.socket at [dram.base, +dram.bytes)
// and the dispatcher runs the plan's transfer tasks on the DMA's channels.
// The DRAM's contention follows the platform's (off: every transaction sees
// an idle DRAM, the plan's formula, so the run reproduces the plan).
//
// The scratchpad has the platform's size, always: a plan whose peak exceeds it
// is refused (sim/platform/plan_fit.hpp, exit 3). A plan that fits by bytes
// but fragments first fit makes tasks wait for releases (the report counts them).
//
// SoC mode (a SocOptions given): the accelerator is a peripheral of the
// user's SoC. `registers->socket` (a target, map it at SocOptions::register_base
// on the SoC's bus) takes the host's programming, `fetcher->socket` (an
// initiator, bind it to the bus in front of DRAM) reads the command list, and
// `registers->irq` is the interrupt. Nothing runs until the host sets
// CTRL.START; then the command list at CMD_ADDR supplies the schedule (the
// graph, buffers, work and capacities stay those of the constructor's plan)
// and the run ends with STATUS DONE, or ERROR with ERROR_CODE (the fetcher's
// codes, or those below) and the interrupt. No sc_stop(): the host may start
// again. At the end of each run the registers' counters get the run's
// makespan in cycles of the interconnect clock (makespan_in_clock), the
// tasks it finished, and (off-chip plans) the bytes the DRAM counted read and
// written during the run (Dram::Stats, from the decoded list to the end: the
// host is idle then, so it is the DMA's traffic, SimResult::dram's
// bytes_read/bytes_written) and, with SocOptions::cnn, the run's energy in
// whole pJ (sim/platform/sim_energy.hpp's counts of this run through
// compute_energy over the run's makespan, SimResult::energy.total_pj()).
// Without SocOptions neither module exists and the run starts at t = 0.
//
// SoC mode with an off-chip plan: the DRAM stays inside (the DMA's path to
// it is unchanged) and `dram_port` (a target, AddressBridge) is the host's
// window into it: map it on the SoC bus at [platform.dram.base, +dram.bytes),
// so host, fetcher and DMA see the DRAM at the same addresses. The command
// list goes into DRAM too (soc_command_list_address: after the plan's homes);
// the network input and weights at their homes, where the network outputs
// are found after DONE (the rule: sim/functional/functional_model.hpp).
#include <cstdint>
#include <memory>
#include <optional>
#include <systemc>
#include <vector>

#include <cnnsched/hw/address_bridge.hpp>
#include <cnnsched/hw/command_fetcher.hpp>
#include <cnnsched/hw/dma.hpp>
#include <cnnsched/hw/dram.hpp>
#include <cnnsched/hw/pe.hpp>
#include <cnnsched/hw/registers.hpp>
#include <cnnsched/hw/router.hpp>
#include <cnnsched/hw/scratchpad.hpp>
#include <cnnsched/hw/tlm_checker.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/plan_dispatcher.hpp>

namespace cnnsched {

constexpr std::uint32_t kErrorRunStalled = 0x200;       // nothing could start any more (dispatcher error())
constexpr std::uint32_t kErrorScheduleRefused = 0x201;  // the list's schedule does not fit the plan's PEs

// MAKESPAN_LO/HI's unit: `makespan_ps` rounded up to whole `cycle_ps` cycles
// (the interconnect's clock), or picoseconds when cycle_ps is not positive.
std::uint64_t makespan_in_clock(Time makespan_ps, Time cycle_ps);

// Where a host puts the command list of an off-chip plan in SoC mode: the
// first 64-byte boundary after the plan's DRAM homes, as a global address
// (platform.dram.base + round_up(dram_bytes_used, 64)). Throws InputError
// (platform, "dram.bytes") when `list_bytes` do not fit behind the homes.
std::uint64_t soc_command_list_address(const Platform& platform, const PolicyPlan& plan,
                                       std::size_t list_bytes);

struct SocOptions {
  // Where the host maps the registers; unset: the platform's register_base.
  std::optional<std::uint64_t> register_base;
  // The CnnGraph the plan was made from; with it the ENERGY counter is filled
  // (else it reads 0). Must outlive the module.
  const CnnGraph* cnn = nullptr;
  sc_core::sc_time register_latency = sc_core::SC_ZERO_TIME;  // per register access
  std::uint32_t max_command_bytes = 1u << 20;                 // larger CMD_SIZE: kErrorListTooLarge
};

class Accelerator : public sc_core::sc_module {
 public:
  // The PEs in platform order, each named after its platform entry.
  sc_core::sc_vector<Pe> pes;
  std::unique_ptr<Router> router;
  std::unique_ptr<Scratchpad> scratchpad;
  std::unique_ptr<Dram> dram;  // off-chip plans only, else null
  std::unique_ptr<Dma> dma;    // off-chip plans only, else null
  std::unique_ptr<PlanDispatcher> dispatcher;
  sc_core::sc_vector<TlmChecker> checkers;          // one per PE (and the DMA) when checking, else empty
  std::unique_ptr<AcceleratorRegisters> registers;  // SoC mode only, else null
  std::unique_ptr<CommandFetcher> fetcher;          // SoC mode only, else null
  std::unique_ptr<AddressBridge> dram_port;         // SoC mode with an off-chip plan only, else null

  // `graph` and `plan` must outlive the module. Throws std::invalid_argument when
  // the plan's processors do not match the platform's PEs or the scratchpad and
  // registers (or DRAM) overlap (Platform::address_overlap), ScratchpadTooSmall
  // when the plan does not fit the platform's scratchpad.
  // With check_tlm, a TlmChecker sits between each PE and the router. With
  // store_bytes (functional mode) the scratchpad holds real bytes; in timing
  // mode no transaction moves data. With `soc`, SoC mode (above).
  Accelerator(sc_core::sc_module_name name, const Platform& platform, const TaskGraph& graph,
              const PolicyPlan& plan, bool check_tlm = false, bool store_bytes = false,
              const std::optional<SocOptions>& soc = std::nullopt);

  Bytes scratchpad_bytes() const { return scratchpad_bytes_; }

 private:
  void make_soc_front(const SocOptions& soc, const Platform& platform, const TaskGraph& run_graph,
                      const PolicyPlan& plan);
  void make_offchip(const Platform& platform, bool store_bytes);
  void bind_initiator(tlm::tlm_initiator_socket<>& socket, std::size_t index, bool check_tlm);

  Bytes scratchpad_bytes_;
};

}  // namespace cnnsched
