#pragma once
// Functional mode's view of the buffers: what every tile-level buffer of a
// CnnGraph holds (a network-input tile, a weight slice, a layer's output
// tile) and where it sits in the policy's plan buffers (the tile buffers
// themselves for heft / memheft, the per-layer groups for layer-by-layer).
// Plain C++: the placement is read off the plan's work, whose accesses
// correspond one to one to the tile graph's (TaskWork::regrouped).
#include <vector>

#include <cnnsched/sched/functional/tile_kernels.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>

namespace cnnsched {

struct TileBuffer {
  enum class Kind { kInput, kWeights, kOutput };
  Kind kind = Kind::kOutput;
  int layer = kNetworkInput;  // the producing layer (output), the weights' layer, kNetworkInput (input)
  TaskId task = -1;           // output tiles: the task that writes it
  TensorRegion region;        // input / output tiles: where it lies in its tensor; weights: channels = oc
  BufferId plan_buffer = -1;  // the plan buffer holding it; -1 when no task touches it
  Bytes offset = 0;           // its offset inside plan_buffer
};

struct FunctionalLayout {
  std::vector<TileBuffer> tiles;               // per tile-level buffer of the CnnGraph
  std::vector<std::vector<BufferId>> members;  // per plan buffer: the tile buffers it holds
};

// Throws std::invalid_argument when network, graph and plan do not belong together.
FunctionalLayout functional_layout(const Network& network, const CnnGraph& cnn, const PolicyPlan& plan);

}  // namespace cnnsched
