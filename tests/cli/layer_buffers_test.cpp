// `cnnsched schedule --policy layer` counts the buffers of the task graph file
// as given and says so on stderr: a tile export counts tile buffers, an export
// with --buffers layer the layer-by-layer baseline's, whose peak equals the
// baseline plan's (issue #19, item 6).
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

// The number after `label` in `text`, or -1.
std::string lenet_dag(const std::string& buffers) {
  const std::string dag = temp("lenet_" + buffers + ".json");
  const Outcome r = cnnsched({"dag", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform",
                              source("configs/platforms/default.json"), "--buffers", buffers, "--out", dag});
  EXPECT_EQ(r.code, 0) << r.err;
  return dag;
}

TEST(LayerBuffers, ScheduleSaysWhichBuffersItCounts) {
  const Outcome tile = cnnsched({"schedule", "--dag", lenet_dag("tile"), "--policy", "layer"});
  ASSERT_EQ(tile.code, 0) << tile.err;
  EXPECT_NE(tile.err.find("the layer policy counts the 65 buffers of"), std::string::npos) << tile.err;
  EXPECT_NE(tile.err.find("--buffers layer"), std::string::npos) << tile.err;
  const Outcome layer = cnnsched({"schedule", "--dag", lenet_dag("layer"), "--policy", "layer"});
  ASSERT_EQ(layer.code, 0) << layer.err;
  // Per-layer buffers hold whole layers: more memory than the tile buffers under the same schedule.
  const long tile_peak = number_after(tile.out, "peak_memory_bytes: ");
  const long layer_peak = number_after(layer.out, "peak_memory_bytes: ");
  EXPECT_GT(layer_peak, tile_peak);
  // The baseline as `simulate` plans it: the same per-layer buffers and peak.
  const Outcome sim = cnnsched({"simulate", "--network", source("configs/networks/lenet5_c1s2c3.json"),
                                "--platform", source("configs/platforms/default.json"), "--policy", "layer",
                                "--contention", "false", "--traces", "false"});
  ASSERT_EQ(sim.code, 0) << sim.err;
  const std::string row = sim.out.substr(sim.out.find("peak memory (bytes)"));
  EXPECT_EQ(number_after(row, "peak memory (bytes)"), layer_peak) << sim.out;
}

}  // namespace
}  // namespace cnnsched::cli_test
