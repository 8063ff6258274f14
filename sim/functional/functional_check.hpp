#pragma once
// Compares the tiles functional mode captured with the untiled reference.
#include <cstdint>
#include <string>
#include <vector>

#include <cnnsched/sched/functional/reference_model.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sim/functional/functional_model.hpp>

namespace cnnsched {

struct FunctionalCheck {
  std::uint64_t tiles = 0;     // tiles compared
  std::uint64_t elements = 0;  // elements compared
  // One line per differing tile, in task order: layer, tile (task name),
  // where it was captured, the first differing element (h, w, c, expected, got)
  // and how many elements differ.
  std::vector<std::string> mismatches;
  bool ok() const { return mismatches.empty(); }
};

// Every network-output tile must have been read back; a missing one is a mismatch.
FunctionalCheck check_functional(const Network& network, const CnnGraph& cnn, const CapturedTiles& captured,
                                 const ReferenceResult& reference);

// The mismatches as text, at most `max_lines` lines (then "... and N more").
std::string mismatch_text(const FunctionalCheck& check, std::size_t max_lines = 20);

}  // namespace cnnsched
