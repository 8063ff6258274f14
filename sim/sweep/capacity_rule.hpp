#pragma once
// A point's memory capacity for memheft and exact: a number of bytes, or a
// rule resolved on the point's own task graph, deterministically:
//   4000          that many bytes (0 = none)
//   "smallest"    the smallest capacity memory-aware HEFT meets on the graph
//   "within:PCT"  the smallest of 49 capacities, evenly spaced from "smallest"
//                 to memheft's unconstrained peak, whose planned makespan is
//                 at most (1 + PCT/100) x the layer-by-layer plan's (the
//                 unconstrained peak if none is); PCT a number >= 0
//   "step:I/N"    the I-th of N capacities evenly spaced from "smallest" to
//                 the unconstrained peak, both included (0 <= I < N, 2 <= N <= 1000):
//                 smallest + (peak - smallest) * I / (N - 1), rounded down
// These are the capacities lenet_experiment and network_study have always
// used ("within:10" the headline memheft, "step:I/N" the capacity sweep).
// Plans are on-chip plans of the graph (as the studies' rules were); with a
// DRAM platform plan_policy then bounds the run by the scratchpad as well.
#include <nlohmann/json.hpp>
#include <string>

#include <cnnsched/sched/graph/cnn_graph.hpp>

namespace cnnsched {

struct CapacityRule {
  enum class Kind { Bytes, Smallest, Within, Step };
  Kind kind = Kind::Bytes;
  Bytes bytes = 0;        // Kind::Bytes
  double within_pct = 0;  // Kind::Within
  int step = 0;           // Kind::Step: I of N
  int steps = 0;
};

// Throws InputError naming `source`, the field `capacity` and what is allowed.
CapacityRule parse_capacity_rule(const nlohmann::json& value, const std::string& source);

// The capacity in bytes the rule gives on `cnn`.
Bytes resolve_capacity(const CapacityRule& rule, const CnnGraph& cnn);

// The rules themselves.
Bytes smallest_capacity(const CnnGraph& cnn);
Bytes capacity_within_cost(const CnnGraph& cnn, double max_cost_pct, int steps = 48);
Bytes capacity_step(const CnnGraph& cnn, int step, int steps);

// "within:PCT" with PCT written as briefly as it round-trips ("within:10").
std::string within_rule(double max_cost_pct);
std::string step_rule(int step, int steps);

}  // namespace cnnsched
