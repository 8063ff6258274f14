// Compaction moves live buffers; the memory CSV records every move with its old
// and new address, so replaying the CSV never puts two live buffers on one
// address (issue #19, item 2).
#include <cstdint>
#include <gtest/gtest.h>
#include <iterator>
#include <map>
#include <string>

#include <cnnsched/sched/network/auto_slicing.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/plan_fit.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::compaction_csv_test {
namespace {

// Live blocks by start address: {end, buffer}.
using Blocks = std::map<std::uint64_t, std::pair<std::uint64_t, std::string>>;

// Whether [at, at + bytes) overlaps a block of `live`.
bool overlaps(const Blocks& live, std::uint64_t at, std::uint64_t bytes) {
  auto next = live.lower_bound(at);
  if (next != live.end() && next->first < at + bytes) return true;
  return next != live.begin() && std::prev(next)->second.first > at;
}

TEST(CompactionCsv, ReplayingTheMemoryCsvNeverOverlaps) {
  // The fragmentation stall of ScratchpadFit.CompactionResolvesAFragmentationStall.
  const Platform platform = load_platform(test::source_path("configs/platforms/default.json"));
  Network net = load_network(test::source_path("configs/networks/vgg16.json"));
  apply_auto_slicing(net, parse_auto_slicing("spatial:4", "test"));
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::Heft);
  Platform sized = platform;
  sized.scratchpad_bytes = smallest_scratchpad(plan);
  SimOptions o;
  o.trace_dir = test::trace_dir("compaction_csv");
  o.vcd = false;
  o.perfetto = false;
  const SimResult r = simulate_isolated(cnn, plan, sized, o);
  ASSERT_GT(r.compactions, 0u);

  Blocks live;
  int moves = 0;
  for (const auto& row : test::read_csv(r.files.memory_csv)) {
    const std::string& event = row.at("event");
    const std::uint64_t at = std::stoull(row.at("address")), bytes = std::stoull(row.at("bytes"));
    const std::string& buffer = row.at("buffer");
    if (event == "free" || event == "move") {
      const std::uint64_t from = event == "move" ? std::stoull(row.at("from_address")) : at;
      auto it = live.find(from);
      ASSERT_TRUE(it != live.end() && it->second.second == buffer)
          << event << " of " << buffer << " at " << from;
      live.erase(it);
      if (event == "free") continue;
      ++moves;
    } else {
      ASSERT_EQ(event, "alloc");
    }
    ASSERT_FALSE(overlaps(live, at, bytes)) << buffer << " at " << at << " (" << event << ")";
    live[at] = {at + bytes, buffer};
  }
  EXPECT_TRUE(live.empty());  // everything is released at the makespan
  EXPECT_GT(moves, 0);
}

}  // namespace
}  // namespace cnnsched::compaction_csv_test
