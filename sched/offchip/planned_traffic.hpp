#pragma once
// The DRAM traffic a plan's transfers move, by kind: what the plan promises
// and what the simulation counts from the transfers that ran (same rule).
#include <vector>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/offchip/offchip_plan.hpp>

namespace cnnsched {

// Per policy buffer of `cnn`: input tile, weight slice or tile.
std::vector<DataKind> data_kinds(const CnnGraph& cnn);

// Every transfer of `plan` counted once.
DramTraffic planned_traffic(const CnnGraph& cnn, const OffchipPlan& plan);

}  // namespace cnnsched
