// The modules' own action counts (the energy model's inputs): the DMA tags
// every burst with its descriptor, the DRAM counts column accesses and row
// activations per tag as it times them (contention off: every chunk on an
// idle DRAM activates; on: only misses and conflicts), the scratchpad counts
// port-width accesses, the router the bytes it forwarded.
#include <gtest/gtest.h>
#include <vector>

#include "hw/dma_dram_bench.hpp"

namespace cnnsched::action_counters_test {
namespace {

// The shared bench, its three transfers run.
struct Bench : test::DmaDramBench {
  explicit Bench(bool contention) : DmaDramBench(contention) { run_three_transfers(); }
  // The plan's count of a transfer: its 64-byte bursts, each on an idle DRAM.
  DramSpec::Actions idle(std::uint64_t offset, Bytes bytes) const {
    DramSpec::Actions sum;
    for (Bytes done = 0; done < bytes; done += 64) {
      const DramSpec::Actions a = platform.dram.idle_transaction_actions(
          offset + static_cast<std::uint64_t>(done), std::min<Bytes>(64, bytes - done));
      sum.columns += a.columns;
      sum.activations += a.activations;
    }
    return sum;
  }
};

TEST(ActionCounters, ScratchpadAndRouterCountPortWidthAccessesAndBytes) {
  Bench b(false);
  // 1000 bytes: 15 bursts of 64 (8 accesses each) and one of 40 (5); 200 bytes: 3 x 8 + 1.
  EXPECT_EQ(b.pad.stats().write_accesses, 125u + 25u);              // the load and the reload
  EXPECT_EQ(b.pad.stats().read_accesses, 125u);                     // the store
  EXPECT_EQ(b.router.bytes_forwarded(), 2u * (1000 + 1000 + 200));  // each burst on both sides
}

TEST(ActionCounters, WithoutContentionTheDramCountsEveryChunkAsAnActivationPerTag) {
  Bench b(false);
  for (const auto& [tag, offset, bytes] : std::vector<std::tuple<std::int64_t, std::uint64_t, Bytes>>{
           {1, 100, 1000}, {2, 100, 1000}, {3, 64, 200}}) {
    SCOPED_TRACE(tag);
    const DramSpec::Actions plan = b.idle(offset, bytes);
    EXPECT_EQ(b.dram.tag_actions(tag).columns, static_cast<std::uint64_t>(plan.columns));
    EXPECT_EQ(b.dram.tag_actions(tag).activations, static_cast<std::uint64_t>(plan.activations));
  }
  EXPECT_EQ(b.dram.tag_actions(-1).columns, 0u);  // every DMA burst carries its tag
  EXPECT_GT(b.dram.stats().row_hits, 0u);         // the open rows were seen, not timed
}

TEST(ActionCounters, WithContentionTheOpenRowsDecideTheActivations) {
  Bench b(true);
  std::uint64_t activations = 0;
  for (std::int64_t tag : {1, 2, 3}) activations += b.dram.tag_actions(tag).activations;
  EXPECT_EQ(activations, b.dram.stats().activations());
  EXPECT_EQ(b.dram.tag_actions(1).columns, static_cast<std::uint64_t>(b.idle(100, 1000).columns));
  // The store finds the load's rows open.
  EXPECT_LT(b.dram.tag_actions(2).activations, b.dram.tag_actions(1).activations);
}

}  // namespace
}  // namespace cnnsched::action_counters_test
