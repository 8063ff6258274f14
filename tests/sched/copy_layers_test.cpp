// The copy layers (concat, slice, shuffle) from a network config: their
// shapes, the config errors, and their tile dependencies against an
// element-by-element reference: a copy tile depends on exactly the producer
// tiles holding an element it copies, with their count as bytes.
#include <gtest/gtest.h>
#include <map>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/auto_slicing.hpp>

#include "support/input_error.hpp"
#include "support/task_edges.hpp"

namespace cnnsched::copy_layers_test {
namespace {

using nlohmann::json;

// Two convs (6 and 4 channels, sliced along channels), their concat, a slice
// of the concat straddling both and a shuffle of the concat.
json copy_config() {
  return {{"element_bytes", 2},
          {"input", {{"shape", {7, 5, 3}}, {"slices", {2, 1, 1}}}},
          {"layers",
           {{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 6}, {"slices", {3, 2, 3}}},
            {{"name", "B"},
             {"kind", "conv"},
             {"kernel", 3},
             {"padding", 1},
             {"out_channels", 4},
             {"inputs", "input"},
             {"slices", {2, 1, 2}}},
            {{"name", "C"}, {"kind", "concat"}, {"inputs", {"A", "B", "input"}}, {"slices", {2, 2, 4}}},
            {{"name", "S"}, {"kind", "slice"}, {"inputs", "C"}, {"channels", {4, 9}}, {"slices", {1, 2, 2}}},
            {{"name", "P"}, {"kind", "shuffle"}, {"inputs", "C"}, {"groups", 13}, {"slices", {3, 1, 1}}}}}};
}

// Where output element (oc) of a copy layer comes from: (input index, channel).
std::pair<std::size_t, std::int64_t> source_of(const Layer& l, std::int64_t oc) {
  if (l.kind == LayerKind::kSlice) return {0, oc + l.channel_range.begin};
  if (l.kind == LayerKind::kShuffle) {
    const std::int64_t per_group = l.in.c / l.groups;  // written out: (g, C/g) transposed
    return {0, (oc % l.groups) * per_group + oc / l.groups};
  }
  std::size_t i = 0;
  while (oc >= l.input_channel_counts[i]) oc -= l.input_channel_counts[i++];
  return {i, oc};
}

bool holds(const TileInfo& t, std::int64_t h, std::int64_t w, std::int64_t c) {
  return h >= t.rows.begin && h < t.rows.end && w >= t.cols.begin && w < t.cols.end &&
         c >= t.channels.begin && c < t.channels.end;
}

TEST(CopyLayers, ShapesFromTheConfig) {
  const Network net = parse_network(copy_config(), "net.json");
  EXPECT_EQ(net.layers[2].out, (Shape{7, 5, 13}));
  EXPECT_EQ(net.layers[2].input_channel_counts, (std::vector<std::int64_t>{6, 4, 3}));
  EXPECT_EQ(net.layers[3].out, (Shape{7, 5, 5}));
  EXPECT_EQ(net.layers[4].out, (Shape{7, 5, 13}));
  EXPECT_STREQ(kind_name(net.layers[4].kind), "shuffle");
  for (std::size_t l = 2; l < 5; ++l) EXPECT_EQ(net.layers[l].macs_per_output(), 0);
  EXPECT_EQ(net.layers[2].input_channels({5, 11}, 0), (Range{5, 6}));
  EXPECT_EQ(net.layers[2].input_channels({5, 11}, 1), (Range{0, 4}));
  EXPECT_EQ(net.layers[2].input_channels({5, 11}, 2), (Range{0, 1}));
  EXPECT_TRUE(net.layers[2].input_channels({0, 6}, 1).empty());
}

TEST(CopyLayers, TilesDependOnExactlyTheProducerTilesTheyCopy) {
  const Network net = parse_network(copy_config(), "net.json");
  Platform platform;
  platform.pes = {PeSpec{"p", 4, 1000}};
  const CnnGraph g = build_cnn_graph(net, platform);
  int checked = 0;
  for (TaskId t = 0; t < g.graph.num_tasks(); ++t) {
    const TileInfo& tile = g.tiles[static_cast<std::size_t>(t)];
    const Layer& layer = net.layers[static_cast<std::size_t>(tile.layer)];
    if (!layer.is_copy()) continue;
    ++checked;
    std::map<TaskId, Bytes> expected_deps;
    std::map<BufferId, Bytes> expected_reads;
    for (std::int64_t h = tile.rows.begin; h < tile.rows.end; ++h)
      for (std::int64_t w = tile.cols.begin; w < tile.cols.end; ++w)
        for (std::int64_t oc = tile.channels.begin; oc < tile.channels.end; ++oc) {
          const auto [input, c] = source_of(layer, oc);
          const int producer = layer.inputs[input];
          if (producer == kNetworkInput) {  // one row slice of 4 and 3 rows
            expected_reads[g.input_buffers[h < 4 ? 0 : 1]] += 2;
            continue;
          }
          for (TaskId p = g.layer_first_task[static_cast<std::size_t>(producer)];
               p < g.layer_first_task[static_cast<std::size_t>(producer) + 1]; ++p)
            if (holds(g.tiles[static_cast<std::size_t>(p)], h, w, c)) {
              expected_deps[p] += 2;
              expected_reads[g.output_buffer[static_cast<std::size_t>(p)]] += 2;
            }
        }
    test::expect_deps_and_reads(g, t, expected_deps, expected_reads);
    EXPECT_EQ(g.work.macs(t), 0);  // a copy: its cost is these reads and its write
  }
  EXPECT_EQ(checked, 16 + 4 + 3);
}

std::string config_error(const json& cfg) {
  return test::input_error_message([&] { parse_network(cfg, "net.json"); });
}

TEST(CopyLayers, ConfigErrorsNameTheField) {
  json one = copy_config();
  one["layers"][2]["inputs"] = {"A"};
  EXPECT_NE(config_error(one).find("concat takes at least 2 inputs"), std::string::npos);
  json twice = copy_config();
  twice["layers"][2]["inputs"] = {"A", "A"};
  EXPECT_NE(config_error(twice).find("different inputs"), std::string::npos);
  json range = copy_config();
  range["layers"][3]["channels"] = {4, 14};
  const std::string r = config_error(range);
  EXPECT_NE(r.find("layers[3].channels"), std::string::npos) << r;
  json groups = copy_config();
  groups["layers"][4]["groups"] = 2;
  EXPECT_NE(config_error(groups).find("must divide the input channels (13)"), std::string::npos);
  json sliced = copy_config();
  sliced["layers"][4]["slices"] = {1, 1, 2};
  const std::string s = config_error(sliced);
  EXPECT_NE(s.find("layers[4].slices"), std::string::npos) << s;
  EXPECT_NE(s.find("one channel slice"), std::string::npos) << s;
}

TEST(CopyLayers, ShuffleKeepsOneChannelSlice) {
  Network net = parse_network(copy_config(), "net.json");
  EXPECT_THROW(net.set_slices("P", {1, 1, 2}), InputError);
  apply_auto_slicing(net, parse_auto_slicing("tile-bytes:4", "--auto-slicing"));
  EXPECT_EQ(net.layers[4].slices.channels, 1);
  EXPECT_GT(net.layers[2].slices.channels, 1);
}

}  // namespace
}  // namespace cnnsched::copy_layers_test
