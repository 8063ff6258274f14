#pragma once
// The three policies on whole networks (LeNet-5, AlexNet, VGG-16, ResNet-18,
// MobileNet-V1...), each planned and simulated on one platform: the
// per-network results table of the README.
#include <ostream>
#include <string>
#include <vector>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/platform.hpp>
#include <cnnsched/sim/studies/result_row.hpp>

namespace cnnsched {

struct NetworkStudyOptions {
  std::vector<std::string> networks;  // JSON configs or ONNX models
  std::string platform;
  std::string auto_slicing;  // "" keeps each network's own slicing
  std::string out_dir = "traces/networks";
  double max_cost_pct = 10.0;
  bool traces = false;  // VCD/CSV/Perfetto per network and policy
};

// The scratchpad every run of a network gets: with DRAM the platform's (the
// plans spill to stay within it); on chip only the platform's, or, when a plan
// of the three policies does not fit it, the largest plan's first-fit
// footprint (a scratchpad never grows, so the study sizes it explicitly).
// Each run is then a sweep point with "overrides": {"scratchpad.bytes": that}
// (configs/sweeps/network_study.json).
Bytes study_scratchpad_bytes(const Platform& platform, const CnnGraph& cnn, double max_cost_pct);

std::vector<ResultRow> run_network_study(const NetworkStudyOptions& options, std::ostream& out,
                                         std::ostream& progress);

}  // namespace cnnsched
