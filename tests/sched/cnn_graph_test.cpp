#include <gtest/gtest.h>
#include <map>
#include <set>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>

#include "support/config_path.hpp"

namespace cnnsched::cnn_graph_test {
namespace {

using test::config;

using nlohmann::json;

Platform platform() { return load_platform(config("platforms/default.json")); }

CnnGraph build(const json& cfg) { return build_cnn_graph(parse_network(cfg, "net.json"), platform()); }

// Producers of task `name` (by name) with the bytes of each edge.
std::map<std::string, Bytes> producers(const CnnGraph& g, const std::string& name) {
  const TaskId t = g.graph.find(name);
  EXPECT_GE(t, 0) << name;
  std::map<std::string, Bytes> out;
  if (t < 0) return out;
  for (EdgeId e : g.graph.in_edges(t)) out[g.graph.name(g.graph.edge(e).from)] = g.graph.edge(e).bytes;
  return out;
}

std::set<std::string> producer_names(const CnnGraph& g, const std::string& name) {
  std::set<std::string> out;
  for (const auto& [n, bytes] : producers(g, name)) out.insert(n);
  return out;
}

// Buffers (by name) a task reads, with bytes.
std::map<std::string, Bytes> reads(const CnnGraph& g, const std::string& name) {
  std::map<std::string, Bytes> out;
  const TaskId t = g.graph.find(name);
  for (const Access& a : g.work.reads(t)) out[g.buffers.buffer(a.buffer).name] += a.bytes;
  return out;
}

TEST(CnnGraph, StrideTwoWithPaddingReadsTheReceptiveField) {
  // A: 8 rows in 4 slices of 2. B: k3 s2 p1 -> 4 rows in 2 slices; rows [0,2) read
  // A rows [0,4), rows [2,4) read [3,8).
  const CnnGraph g =
      build({{"element_bytes", 2},
             {"input", {{"shape", {8, 8, 1}}}},
             {"layers",
              {{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 1}, {"slices", {4, 1, 1}}},
               {{"name", "B"},
                {"kind", "conv"},
                {"kernel", 3},
                {"stride", 2},
                {"padding", 1},
                {"out_channels", 1},
                {"slices", {2, 1, 1}}}}}});
  EXPECT_EQ(g.graph.num_tasks(), 6);
  EXPECT_EQ(producers(g, "B[r0,c0,k0]"),
            (std::map<std::string, Bytes>{{"A[r0,c0,k0]", 2 * 8 * 2}, {"A[r1,c0,k0]", 2 * 8 * 2}}));
  // Only row 3 of A's second slice [2,4): 1 row x 8 cols x 2 bytes.
  EXPECT_EQ(producers(g, "B[r1,c0,k0]"),
            (std::map<std::string, Bytes>{
                {"A[r1,c0,k0]", 1 * 8 * 2}, {"A[r2,c0,k0]", 2 * 8 * 2}, {"A[r3,c0,k0]", 2 * 8 * 2}}));
  EXPECT_EQ(g.graph.num_edges(), 5);
  for (EdgeId e = 0; e < g.graph.num_edges(); ++e) EXPECT_EQ(g.graph.edge(e).comm_cost, 0);
}

TEST(CnnGraph, UnevenSlicesOnBothSides) {
  // A: 10 rows -> [0,4) [4,7) [7,10). B (k3, no padding): 8 rows -> [0,3) [3,6) [6,8).
  const CnnGraph g = build(
      {{"input", {{"shape", {10, 4, 2}}}},
       {"layers",
        {{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 2}, {"slices", {3, 1, 1}}},
         {{"name", "B"}, {"kind", "conv"}, {"kernel", 3}, {"out_channels", 1}, {"slices", {3, 1, 1}}}}}});
  EXPECT_EQ(g.tiles[static_cast<std::size_t>(g.graph.find("A[r0,c0,k0]"))].rows, (Range{0, 4}));
  EXPECT_EQ(g.tiles[static_cast<std::size_t>(g.graph.find("B[r2,c0,k0]"))].rows, (Range{6, 8}));
  EXPECT_EQ(producer_names(g, "B[r0,c0,k0]"), (std::set<std::string>{"A[r0,c0,k0]", "A[r1,c0,k0]"}));
  EXPECT_EQ(producer_names(g, "B[r1,c0,k0]"),
            (std::set<std::string>{"A[r0,c0,k0]", "A[r1,c0,k0]", "A[r2,c0,k0]"}));
  EXPECT_EQ(producer_names(g, "B[r2,c0,k0]"), (std::set<std::string>{"A[r1,c0,k0]", "A[r2,c0,k0]"}));
  // B rows [0,3) read A rows [0,5): row 4 of A's slice [4,7), 4 cols, 2 channels.
  EXPECT_EQ(producers(g, "B[r0,c0,k0]").at("A[r1,c0,k0]"), 1 * 4 * 2);
}

TEST(CnnGraph, ConvReadsEveryChannelSlicePoolingOnlyItsOwn) {
  const CnnGraph g =
      build({{"input", {{"shape", {4, 4, 4}}}},
             {"layers",
              {{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 4}, {"slices", {1, 1, 2}}},
               {{"name", "B"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 4}, {"slices", {1, 1, 2}}},
               {{"name", "P"}, {"kind", "maxpool"}, {"window", 2}, {"slices", {1, 1, 2}}},
               {{"name", "G"},
                {"kind", "conv"},
                {"kernel", 1},
                {"groups", 2},
                {"out_channels", 4},
                {"inputs", "A"},
                {"slices", {1, 1, 2}}},
               {{"name", "D"},
                {"kind", "conv"},
                {"kernel", 1},
                {"groups", 4},
                {"out_channels", 4},
                {"inputs", "A"},
                {"slices", {1, 1, 4}}}}}});
  const std::set<std::string> all_a = {"A[r0,c0,k0]", "A[r0,c0,k1]"};
  EXPECT_EQ(producer_names(g, "B[r0,c0,k0]"), all_a);
  EXPECT_EQ(producer_names(g, "B[r0,c0,k1]"), all_a);
  EXPECT_EQ(producer_names(g, "P[r0,c0,k0]"), std::set<std::string>{"B[r0,c0,k0]"});
  EXPECT_EQ(producer_names(g, "P[r0,c0,k1]"), std::set<std::string>{"B[r0,c0,k1]"});
  // Grouped: output channels [2,4) are group 1, which reads input channels [2,4).
  EXPECT_EQ(producer_names(g, "G[r0,c0,k1]"), std::set<std::string>{"A[r0,c0,k1]"});
  // Depthwise: channel 1 reads channel 1, which is in A's first channel slice.
  EXPECT_EQ(producers(g, "D[r0,c0,k1]"), (std::map<std::string, Bytes>{{"A[r0,c0,k0]", 4 * 4 * 1}}));
  // The first layer reads the whole input tile (one tile here).
  EXPECT_EQ(reads(g, "A[r0,c0,k1]").at("input[r0,c0,k0]"), 4 * 4 * 4);
}

TEST(CnnGraph, ResidualAddDependsOnBothInputs) {
  const CnnGraph g = build(
      {{"input", {{"shape", {8, 8, 4}}}},
       {"layers",
        {{{"name", "A"},
          {"kind", "conv"},
          {"kernel", 3},
          {"padding", 1},
          {"out_channels", 4},
          {"slices", {2, 1, 1}}},
         {{"name", "B"},
          {"kind", "conv"},
          {"kernel", 3},
          {"padding", 1},
          {"out_channels", 4},
          {"slices", {2, 2, 1}}},
         {{"name", "R"}, {"kind", "add"}, {"inputs", {"A", "B"}}, {"relu", true}, {"slices", {2, 1, 1}}}}}});
  EXPECT_EQ(producers(g, "R[r1,c0,k0]"),
            (std::map<std::string, Bytes>{
                {"A[r1,c0,k0]", 4 * 8 * 4}, {"B[r1,c0,k0]", 4 * 4 * 4}, {"B[r1,c1,k0]", 4 * 4 * 4}}));
  const TaskId r = g.graph.find("R[r1,c0,k0]");
  EXPECT_EQ(g.work.macs(r), 4 * 8 * 4);
  // A is read by B and by R, so its tiles are not network outputs; R's are.
  EXPECT_FALSE(
      g.buffers.buffer(g.output_buffer[static_cast<std::size_t>(g.graph.find("A[r0,c0,k0]"))]).until_end);
  EXPECT_TRUE(g.buffers.buffer(g.output_buffer[static_cast<std::size_t>(r)]).until_end);
}

TEST(CnnGraph, FcReadsEveryProducerTile) {
  const CnnGraph g =
      build({{"input", {{"shape", {4, 4, 2}}}},
             {"layers",
              {{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 2}, {"slices", {2, 2, 2}}},
               {{"name", "F"}, {"kind", "fc"}, {"out_features", 6}, {"slices", {1, 1, 3}}}}}});
  EXPECT_EQ(producer_names(g, "F[r0,c0,k2]").size(), 8u);
  const TaskId f = g.graph.find("F[r0,c0,k2]");
  EXPECT_EQ(g.work.macs(f), 32 * 2);
  EXPECT_EQ(reads(g, "F[r0,c0,k2]").at("F.weights[k2]"), 32 * 2 + 2);
}

// LeNet-5 C1-S2-C3 with the square tiling the counts below were checked by hand
// on (the config's own default slicing may change).
Network hand_checked_lenet() {
  Network net = load_network(config("networks/lenet5_c1s2c3.json"));
  net.set_slices("input", {2, 2, 1});
  net.set_slices("C1", {4, 4, 1});
  net.set_slices("S2", {2, 2, 1});
  net.set_slices("C3", {2, 2, 2});
  return net;
}

TEST(CnnGraph, LeNetC1S2C3Counts) {
  const Network net = hand_checked_lenet();
  const CnnGraph g = build_cnn_graph(net, platform());
  EXPECT_EQ(g.graph.num_tasks(), 16 + 4 + 8);
  EXPECT_EQ(g.layer_first_task, (std::vector<TaskId>{0, 16, 20, 28}));
  // S2 tile: 7x7 outputs read 14x14 of C1 = 2x2 C1 tiles; C3 tile: 5x5 read 9x9 of S2 = 2x2 S2 tiles.
  EXPECT_EQ(g.graph.num_edges(), 4 * 4 + 8 * 4);
  // 4 input tiles, 1 + 2 weight slices, 28 output tiles.
  EXPECT_EQ(g.buffers.num_buffers(), 4 + 3 + 28);
  EXPECT_EQ(g.graph.num_layers(), 3);
  EXPECT_EQ(g.graph.layer(g.graph.find("S2[r1,c1,k0]")), 1);
  EXPECT_EQ(g.input_bytes_total, 32 * 32);
  EXPECT_EQ(g.weight_bytes_total, (5 * 5 * 6 + 6) + (5 * 5 * 6 * 16 + 16));
  EXPECT_EQ(g.macs_total, 28 * 28 * 6 * 25 + 14 * 14 * 6 * 4 + 10 * 10 * 16 * 150);
  // C1 rows [7,14) read input rows [7,18): both input row slices.
  EXPECT_EQ(reads(g, "C1[r1,c0,k0]"),
            (std::map<std::string, Bytes>{
                {"input[r0,c0,k0]", 9 * 11}, {"input[r1,c0,k0]", 2 * 11}, {"C1.weights[k0]", 156}}));
}

TEST(CnnGraph, WeightBuffersAndTheirUsers) {
  const CnnGraph g = build_cnn_graph(hand_checked_lenet(), platform());
  const BufferId c1w = g.weight_buffers[0];
  EXPECT_EQ(g.buffers.buffer(c1w).name, "C1.weights[k0]");
  EXPECT_EQ(g.buffers.buffer(c1w).bytes, 5 * 5 * 1 * 6 + 6);
  EXPECT_EQ(g.buffers.num_users(c1w), 16);
  EXPECT_EQ(g.weight_buffers[1], -1);  // pooling has no weights
  const BufferId c3w = g.weight_buffers[2];
  for (int k = 0; k < 2; ++k) {
    EXPECT_EQ(g.buffers.buffer(c3w + k).name, "C3.weights[k" + std::to_string(k) + "]");
    EXPECT_EQ(g.buffers.buffer(c3w + k).bytes, 5 * 5 * 6 * 8 + 8);
    EXPECT_EQ(g.buffers.num_users(c3w + k), 4);  // the C3 tasks of that channel slice
  }
  const TaskId t = g.graph.find("C3[r1,c0,k1]");
  bool reads_own_slice = false;
  for (const Access& a : g.work.reads(t)) {
    EXPECT_NE(a.buffer, c3w);
    reads_own_slice |= a.buffer == c3w + 1 && a.bytes == g.buffers.buffer(c3w + 1).bytes;
  }
  EXPECT_TRUE(reads_own_slice);
  // Every task writes its own output tile, which its consumers read.
  const BufferId out = g.output_buffer[static_cast<std::size_t>(g.graph.find("S2[r0,c0,k0]"))];
  // Every C3 tile reads part of S2's first tile: its rows [0,5) read [0,9), rows [5,10) read [5,14).
  EXPECT_EQ(g.buffers.num_users(out), 1 + 8);
  EXPECT_EQ(g.work.write(g.graph.find("S2[r0,c0,k0]")).buffer, out);
  EXPECT_EQ(g.work.write(g.graph.find("S2[r0,c0,k0]")).bytes, 7 * 7 * 6);
}

TEST(CnnGraph, LayerGroupingForTheBaseline) {
  const CnnGraph g = build_cnn_graph(hand_checked_lenet(), platform());
  EXPECT_EQ(g.layer_grouping.names,
            (std::vector<std::string>{"input", "C1.weights", "C1.out", "S2.out", "C3.weights", "C3.out"}));
  const auto grouped = g.buffers.grouped(g.layer_grouping);
  const BufferPlan& plan = grouped.plan;
  ASSERT_EQ(plan.num_buffers(), 6);
  EXPECT_EQ(plan.buffer(0).bytes, 32 * 32);
  EXPECT_EQ(plan.buffer(1).bytes, 156);
  EXPECT_EQ(plan.buffer(2).bytes, 28 * 28 * 6);
  EXPECT_EQ(plan.buffer(3).bytes, 14 * 14 * 6);
  EXPECT_EQ(plan.buffer(5).bytes, 10 * 10 * 16);
  EXPECT_EQ(plan.num_users(0), 16);      // every C1 task reads the input
  EXPECT_EQ(plan.num_users(2), 16 + 4);  // C1 writes, S2 reads
  for (BufferId b = 0; b < 5; ++b) EXPECT_FALSE(plan.buffer(b).until_end) << plan.buffer(b).name;
  EXPECT_TRUE(plan.buffer(5).until_end);
}

TEST(CnnGraph, CostsFollowTheWorkPerPeClass) {
  const Platform hetero = load_platform(config("platforms/hetero.json"));
  const CnnGraph g = build_cnn_graph(load_network(config("networks/lenet5.json")), hetero);
  ASSERT_EQ(g.graph.num_processors(), 4);
  EXPECT_EQ(g.graph.num_classes(), 2);
  for (TaskId t = 0; t < g.graph.num_tasks(); ++t)
    for (int p = 0; p < 4; ++p) ASSERT_EQ(g.graph.cost(t, p), g.work.cost(t, hetero.pes[p], hetero));
  EXPECT_LT(g.graph.cost(0, 0), g.graph.cost(0, 3));  // fast PE beats slow PE
}

TEST(CnnGraph, WholeLeNetIsADagOfTileTasks) {
  const CnnGraph g = build_cnn_graph(load_network(config("networks/lenet5.json")), platform());
  EXPECT_EQ(g.graph.num_tasks(), 16 + 4 + 8 + 2 + 4 + 2 + 1);
  EXPECT_EQ(static_cast<TaskId>(g.graph.topological_order().size()), g.graph.num_tasks());
  // F7 depends on both F6 tiles, F6 on all C5 tiles.
  EXPECT_EQ(producer_names(g, "F7[r0,c0,k0]"), (std::set<std::string>{"F6[r0,c0,k0]", "F6[r0,c0,k1]"}));
  EXPECT_EQ(producer_names(g, "F6[r0,c0,k1]").size(), 4u);
}

TEST(CnnGraph, RefusesASlicingTooLargeToBuild) {
  const json cfg = {
      {"input", {{"shape", {8192, 4097, 1}}}},
      {"layers",
       {{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 1}, {"slices", {8192, 4097, 1}}}}}};
  try {
    build(cfg);
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "layers[0].slices");
  }
}

}  // namespace
}  // namespace cnnsched::cnn_graph_test
