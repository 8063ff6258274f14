// The PE-side tile kernels against the untiled reference: one tile computed
// from the reference's own input regions and a generated weight slice equals
// the reference's output region, for every layer kind and awkward tiles
// (borders with padding, stride 2, groups, uneven channel ranges).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cnnsched/sched/functional/reference_model.hpp>
#include <cnnsched/sched/functional/tile_kernels.hpp>

namespace cnnsched::tile_kernels_test {
namespace {

Network small_network() {
  return parse_network(nlohmann::json::parse(R"({
    "input": {"shape": [9, 8, 4]},
    "layers": [
      {"name": "C", "kind": "conv", "kernel": [3, 3], "out_channels": 6, "stride": [2, 1], "padding": [1, 1], "relu": true},
      {"name": "G", "kind": "conv", "kernel": [3, 3], "out_channels": 6, "padding": [1, 1], "groups": 3},
      {"name": "D", "kind": "conv", "kernel": [3, 3], "out_channels": 6, "stride": [2, 2], "padding": [1, 1], "groups": 6, "relu": true},
      {"name": "M", "kind": "maxpool", "window": [2, 3], "stride": [1, 2], "padding": [1, 1]},
      {"name": "A", "kind": "avgpool", "window": [3, 3], "stride": [2, 2], "padding": [1, 1], "inputs": "G"},
      {"name": "S", "kind": "add", "inputs": ["G", "C"], "relu": true},
      {"name": "F", "kind": "fc", "out_features": 7, "inputs": "S", "relu": true}
    ]})"),
                       "<test>");
}

Block block_of(const Tensor& t, const TensorRegion& r) {
  Block b(r);
  for (std::int64_t h = r.rows.begin; h < r.rows.end; ++h)
    for (std::int64_t w = r.cols.begin; w < r.cols.end; ++w)
      for (std::int64_t c = r.channels.begin; c < r.channels.end; ++c)
        b.values[b.index(h, w, c)] = t.at(h, w, c);
  return b;
}

void expect_tile_matches(const Network& net, const ReferenceResult& ref, int l, const TensorRegion& out) {
  const Layer& layer = net.layers[static_cast<std::size_t>(l)];
  const IntFormat f = int_format(net.element_bytes);
  const TensorRegion needed = needed_input_region(layer, out);
  std::vector<Block> inputs;
  for (int producer : layer.inputs)
    inputs.push_back(block_of(
        producer == kNetworkInput ? ref.input : ref.layers[static_cast<std::size_t>(producer)], needed));
  const auto weights = generate_weight_slice(layer, l, out.channels, f, kDefaultDataSeed);
  const std::vector<std::int64_t> tile = compute_tile(layer, f, out, inputs, weights);
  const Block expected = block_of(ref.layers[static_cast<std::size_t>(l)], out);
  EXPECT_EQ(tile, expected.values) << layer.name << " rows [" << out.rows.begin << "," << out.rows.end
                                   << ") cols [" << out.cols.begin << "," << out.cols.end << ") channels ["
                                   << out.channels.begin << "," << out.channels.end << ")";
}

TEST(TileKernels, EveryLayerKindMatchesTheReferenceOnBorderAndInnerTiles) {
  const Network net = small_network();
  const ReferenceResult ref = run_reference(net);
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const Shape& s = net.layers[l].out;
    const std::vector<TensorRegion> tiles = {
        {{0, s.h}, {0, s.w}, {0, s.c}},                    // whole layer
        {{0, 1}, {0, 1}, {0, 1}},                          // top-left corner
        {{s.h - 1, s.h}, {s.w / 2, s.w}, {s.c / 3, s.c}},  // bottom border
        {{s.h / 3, s.h - s.h / 3},
         {0, (s.w + 1) / 2},
         {1, s.c > 2 ? s.c - 1 : s.c}},  // inner, uneven channels
    };
    for (const TensorRegion& t : tiles) expect_tile_matches(net, ref, static_cast<int>(l), t);
  }
}

TEST(TileKernels, WrongWeightsOrABlockTooSmallAreRefused) {
  const Network net = small_network();
  const ReferenceResult ref = run_reference(net);
  const Layer& conv = net.layers[0];
  const IntFormat f = int_format(1);
  const TensorRegion out{{1, 3}, {2, 4}, {0, 6}};
  const TensorRegion needed = needed_input_region(conv, out);
  std::vector<Block> inputs{block_of(ref.input, needed)};
  auto weights = generate_weight_slice(conv, 0, out.channels, f, kDefaultDataSeed);
  EXPECT_NO_THROW(compute_tile(conv, f, out, inputs, weights));
  weights.pop_back();
  EXPECT_THROW(compute_tile(conv, f, out, inputs, weights), std::invalid_argument);
  TensorRegion smaller = needed;
  smaller.rows.end -= 1;
  EXPECT_THROW(compute_tile(conv, f, out, {block_of(ref.input, smaller)},
                            generate_weight_slice(conv, 0, out.channels, f, kDefaultDataSeed)),
               std::invalid_argument);
}

TEST(TileKernels, NeededRegionOfAStride2PaddedWindowIsClipped) {
  const Network net = small_network();
  const Layer& c = net.layers[0];  // 3x3, stride [2, 1], padding 1, input 9 x 8 x 4
  const TensorRegion r = needed_input_region(c, {{0, 2}, {7, 8}, {2, 3}});
  EXPECT_EQ(r.rows, (Range{0, 4}));      // rows -1..3, clipped at 0
  EXPECT_EQ(r.cols, (Range{6, 8}));      // cols 6..8, clipped at 8
  EXPECT_EQ(r.channels, (Range{0, 4}));  // a dense conv reads every input channel
  const Layer& d = net.layers[2];        // depthwise: its own channels
  EXPECT_EQ(needed_input_region(d, {{0, 1}, {0, 1}, {2, 4}}).channels, (Range{2, 4}));
}

TEST(TileKernels, HwcRunsCoverThePartInOrderAndMergeContiguousRows) {
  const TensorRegion tile{{2, 6}, {0, 5}, {0, 4}};
  std::vector<std::pair<std::int64_t, std::int64_t>> runs;
  auto collect = [&](std::int64_t first, std::int64_t n) { runs.emplace_back(first, n); };
  for_each_hwc_run(tile, {{3, 5}, {0, 5}, {0, 4}}, collect);  // whole rows: one run
  EXPECT_EQ(runs, (std::vector<std::pair<std::int64_t, std::int64_t>>{{20, 40}}));
  runs.clear();
  for_each_hwc_run(tile, {{3, 5}, {1, 3}, {0, 4}}, collect);  // all channels: one run per row
  EXPECT_EQ(runs, (std::vector<std::pair<std::int64_t, std::int64_t>>{{24, 8}, {44, 8}}));
  runs.clear();
  for_each_hwc_run(tile, {{2, 3}, {3, 5}, {1, 3}}, collect);  // channel subset: one run per (h, w)
  EXPECT_EQ(runs, (std::vector<std::pair<std::int64_t, std::int64_t>>{{13, 2}, {17, 2}}));
}

TEST(IntArithmetic, RequantisationRoundsHalfUpAndSaturates) {
  const IntFormat f = int_format(1);
  EXPECT_EQ(requantize(383, 8, f), 1);    // 1.496 -> 1
  EXPECT_EQ(requantize(384, 8, f), 2);    // 1.5 -> 2 (half up)
  EXPECT_EQ(requantize(-384, 8, f), -1);  // -1.5 -> -1 (half up)
  EXPECT_EQ(requantize(-385, 8, f), -2);
  EXPECT_EQ(requantize(1 << 20, 8, f), 127);
  EXPECT_EQ(requantize(-(1 << 20), 8, f), -128);
  EXPECT_EQ(average(-7, 2), -3);  // truncation toward zero
  EXPECT_EQ(average(7, 2), 3);
  EXPECT_EQ(add_saturating(100, 100, f), 127);
  EXPECT_EQ(add_saturating(-100, -100, f), -128);
  EXPECT_EQ(add_saturating(30000, 10000, int_format(2)), 32767);
  EXPECT_THROW(int_format(3), std::invalid_argument);
}

TEST(IntArithmetic, ElementsRoundTripLittleEndianTwosComplement) {
  for (int bytes : {1, 2, 4}) {
    const IntFormat f = int_format(bytes);
    for (std::int64_t v : {f.min, std::int64_t{-1}, std::int64_t{0}, std::int64_t{1}, f.max}) {
      unsigned char buf[4] = {};
      store_element(buf, v, f);
      EXPECT_EQ(load_element(buf, f), v) << bytes;
    }
  }
  unsigned char buf[2];
  store_element(buf, -2, int_format(2));
  EXPECT_EQ(buf[0], 0xFE);
  EXPECT_EQ(buf[1], 0xFF);
}

}  // namespace
}  // namespace cnnsched::tile_kernels_test
