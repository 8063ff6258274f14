#pragma once
// The action counts of a finished run, as the SystemC modules counted them,
// in the struct the plan's estimate fills (sched/energy/energy.hpp):
//   macs                 Pe::macs_done() over the PEs
//   scratchpad reads /   Scratchpad::Stats read_accesses / write_accesses
//   writes               (port-width accesses of every timed transaction), plus
//                        a compaction's moves: each moved buffer read and
//                        written once, ceil(bytes / port width) accesses each
//                        (the dispatcher moves them itself, not by transactions)
//   interconnect bytes   Router::bytes_forwarded() (every timed transfer; the
//                        functional-mode data port uses debug transport only)
//   DRAM bursts /        Dram::tag_actions per transfer task (the DMA tags each
//   activations          burst with its descriptor), by the transfer's DramKind
// With contention off and no compaction these equal estimate_actions of the
// plan (tests/sim/energy_sim_test.cpp).
#include <cnnsched/sched/energy/energy.hpp>

namespace cnnsched {

class Accelerator;
struct CnnGraph;
struct PolicyPlan;
struct SimMemoryEvent;

ActionCounts simulated_actions(const Accelerator& acc, const CnnGraph& cnn, const PolicyPlan& plan,
                               const Platform& platform, const std::vector<SimMemoryEvent>& memory_events);

}  // namespace cnnsched
