// Checks build_cnn_graph against an element-by-element reference: every output
// element of a tile marks the input elements it reads, and a tile must depend on
// exactly the producer tiles holding marked elements, with their count as bytes.
#include <gtest/gtest.h>
#include <map>

#include <cnnsched/sched/graph/cnn_graph.hpp>

#include "support/task_edges.hpp"

namespace cnnsched::cnn_graph_exact_deps_test {
namespace {

using nlohmann::json;

// Marks, in an input-shaped mask, every element that output tile `tile` reads.
std::vector<char> reference_reads(const Layer& l, const TileInfo& tile) {
  const Shape in = l.in;
  std::vector<char> mask(static_cast<std::size_t>(in.elements()), 0);
  auto mark = [&](std::int64_t y, std::int64_t x, std::int64_t c) {
    if (y >= 0 && y < in.h && x >= 0 && x < in.w)
      mask[static_cast<std::size_t>((y * in.w + x) * in.c + c)] = 1;
  };
  for (std::int64_t oy = tile.rows.begin; oy < tile.rows.end; ++oy)
    for (std::int64_t ox = tile.cols.begin; ox < tile.cols.end; ++ox)
      for (std::int64_t oc = tile.channels.begin; oc < tile.channels.end; ++oc) {
        if (l.kind == LayerKind::kFc) {
          std::fill(mask.begin(), mask.end(), 1);
        } else if (l.kind == LayerKind::kAdd) {
          mark(oy, ox, oc);
        } else {
          std::int64_t c0 = oc, c1 = oc + 1;  // pooling: its own channel
          if (l.kind == LayerKind::kConv) {
            const std::int64_t group = oc / (l.out.c / l.groups);
            c0 = group * (in.c / l.groups);
            c1 = c0 + in.c / l.groups;
          }
          for (std::int64_t dy = 0; dy < l.kernel.h; ++dy)
            for (std::int64_t dx = 0; dx < l.kernel.w; ++dx)
              for (std::int64_t c = c0; c < c1; ++c)
                mark(oy * l.stride.h - l.padding.h + dy, ox * l.stride.w - l.padding.w + dx, c);
        }
      }
  return mask;
}

std::int64_t marked_in(const std::vector<char>& mask, const Shape& s, const TileInfo& t) {
  std::int64_t n = 0;
  for (std::int64_t y = t.rows.begin; y < t.rows.end; ++y)
    for (std::int64_t x = t.cols.begin; x < t.cols.end; ++x)
      for (std::int64_t c = t.channels.begin; c < t.channels.end; ++c)
        n += mask[static_cast<std::size_t>((y * s.w + x) * s.c + c)];
  return n;
}

TEST(CnnGraphExactDeps, MatchesElementwiseReference) {
  const json cfg = {
      {"element_bytes", 2},
      {"input", {{"shape", {13, 11, 6}}, {"slices", {3, 2, 2}}}},
      {"layers",
       {{{"name", "L0"},
         {"kind", "conv"},
         {"kernel", 3},
         {"stride", 2},
         {"padding", 1},
         {"groups", 2},
         {"out_channels", 8},
         {"slices", {3, 2, 3}}},
        {{"name", "L1"},
         {"kind", "maxpool"},
         {"window", 3},
         {"stride", 2},
         {"padding", 1},
         {"slices", {2, 3, 2}}},
        {{"name", "L2"},
         {"kind", "conv"},
         {"kernel", {2, 1}},
         {"groups", 8},
         {"out_channels", 8},
         {"slices", {3, 1, 4}}},
        {{"name", "L3"},
         {"kind", "conv"},
         {"kernel", {2, 1}},
         {"out_channels", 8},
         {"inputs", "L1"},
         {"slices", {1, 3, 2}}},
        {{"name", "L4"}, {"kind", "add"}, {"inputs", {"L2", "L3"}}, {"slices", {2, 2, 3}}},
        {{"name", "L5"}, {"kind", "avgpool"}, {"window", {2, 3}}, {"stride", 1}, {"slices", {2, 1, 5}}},
        {{"name", "L6"}, {"kind", "fc"}, {"out_features", 5}, {"inputs", "L0"}, {"slices", {1, 1, 2}}},
        {{"name", "L7"},
         {"kind", "conv"},
         {"kernel", 5},
         {"stride", 3},
         {"padding", 2},
         {"out_channels", 3},
         {"inputs", "input"},
         {"slices", {2, 2, 3}}},
        // Stride larger than the window: some producer rows are never read.
        {{"name", "L8"},
         {"kind", "maxpool"},
         {"window", 1},
         {"stride", 3},
         {"inputs", "L0"},
         {"slices", {3, 2, 1}}}}}};
  const Network net = parse_network(cfg, "net.json");
  Platform platform;
  platform.pes = {PeSpec{"p", 4, 1000}};
  const CnnGraph g = build_cnn_graph(net, platform);

  // Input tiles as TileInfo, in buffer order.
  std::vector<TileInfo> input_tiles;
  const auto rb = slice_bounds(13, 3), cb = slice_bounds(11, 2), kb = slice_bounds(6, 2);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 2; ++c)
      for (int k = 0; k < 2; ++k)
        input_tiles.push_back({-1, r, c, k, slice_range(rb, r), slice_range(cb, c), slice_range(kb, k)});

  std::int64_t expected_edges = 0;
  for (TaskId t = 0; t < g.graph.num_tasks(); ++t) {
    const TileInfo& tile = g.tiles[static_cast<std::size_t>(t)];
    const Layer& layer = net.layers[static_cast<std::size_t>(tile.layer)];
    const std::vector<char> mask = reference_reads(layer, tile);
    std::map<BufferId, Bytes> expected_reads;
    std::map<TaskId, Bytes> expected_deps;
    for (int producer : layer.inputs) {
      if (producer == kNetworkInput) {
        for (std::size_t i = 0; i < input_tiles.size(); ++i)
          if (const auto n = marked_in(mask, net.input_shape, input_tiles[i]))
            expected_reads[g.input_buffers[i]] += n * 2;
        continue;
      }
      for (TaskId p = g.layer_first_task[static_cast<std::size_t>(producer)];
           p < g.layer_first_task[static_cast<std::size_t>(producer) + 1]; ++p)
        if (const auto n = marked_in(mask, layer.in, g.tiles[static_cast<std::size_t>(p)])) {
          expected_deps[p] += n * 2;
          expected_reads[g.output_buffer[static_cast<std::size_t>(p)]] += n * 2;
        }
    }
    if (layer.has_weights()) {
      const BufferId w = g.weight_buffers[static_cast<std::size_t>(tile.layer)] + tile.channel_slice;
      expected_reads[w] += layer.weight_elements(tile.channels) * 2;
    }
    test::expect_deps_and_reads(g, t, expected_deps, expected_reads);
    // The buffers a task uses: what it reads and what it writes.
    std::map<BufferId, Bytes> uses = expected_reads;
    uses[g.output_buffer[static_cast<std::size_t>(t)]] = 0;
    std::vector<BufferId> got_uses(g.buffers.buffers_of(t).begin(), g.buffers.buffers_of(t).end());
    std::vector<BufferId> want_uses;
    for (const auto& [b, bytes] : uses) want_uses.push_back(b);
    EXPECT_EQ(got_uses, want_uses) << g.graph.name(t);
    EXPECT_EQ(g.work.macs(t),
              tile.rows.size() * tile.cols.size() * tile.channels.size() * layer.macs_per_output());
    expected_edges += static_cast<std::int64_t>(expected_deps.size());
  }
  EXPECT_EQ(g.graph.num_edges(), expected_edges);
}

}  // namespace
}  // namespace cnnsched::cnn_graph_exact_deps_test
