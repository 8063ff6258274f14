#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/auto_slicing.hpp>

#include "support/config_path.hpp"

namespace cnnsched::auto_slicing_test {
namespace {

using test::config;

AutoSlicing tile_bytes(std::int64_t n) {
  return parse_auto_slicing("tile-bytes:" + std::to_string(n), "opt");
}
AutoSlicing spatial(std::int64_t k) { return parse_auto_slicing("spatial:" + std::to_string(k), "opt"); }

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// Bytes of the largest tile of `shape` cut by `s` (slices give the first ones the extra item).
std::int64_t largest_tile(const Shape& shape, const Slices& s, std::int64_t element_bytes) {
  return ceil_div(shape.h, s.rows) * ceil_div(shape.w, s.cols) * ceil_div(shape.c, s.channels) *
         element_bytes;
}

TEST(AutoSlicing, ParsesBothForms) {
  const AutoSlicing a = parse_auto_slicing("tile-bytes:4096", "--auto-slicing");
  EXPECT_EQ(a.mode, AutoSlicing::Mode::kTileBytes);
  EXPECT_EQ(a.value, 4096);
  EXPECT_EQ(a.source, "--auto-slicing");
  const AutoSlicing b = parse_auto_slicing("spatial:4", "--auto-slicing");
  EXPECT_EQ(b.mode, AutoSlicing::Mode::kSpatial);
  EXPECT_EQ(b.value, 4);
}

TEST(AutoSlicing, RejectsOtherSpellingsNamingTheOptionAndForms) {
  for (const char* spec :
       {"", "tiles:4", "spatial", "spatial:", "spatial:0", "spatial:-2", "spatial:4x", "tile-bytes:1.5",
        "tile-bytes:abc", "TILE-BYTES:4", "spatial:99999999999999999999"}) {
    try {
      parse_auto_slicing(spec, "--auto-slicing");
      ADD_FAILURE() << "accepted '" << spec << "'";
    } catch (const InputError& e) {
      EXPECT_EQ(e.source(), "--auto-slicing");
      const std::string msg = e.what();
      EXPECT_NE(msg.find("tile-bytes:N"), std::string::npos) << msg;
      EXPECT_NE(msg.find("spatial:K"), std::string::npos) << msg;
    }
  }
}

TEST(AutoSlicing, SpatialIsClampedToTheTensor) {
  EXPECT_EQ(auto_slices({56, 56, 64}, 1, spatial(4)), (Slices{4, 4, 1}));
  EXPECT_EQ(auto_slices({7, 5, 512}, 1, spatial(6)), (Slices{6, 5, 1}));
  EXPECT_EQ(auto_slices({1, 1, 1000}, 1, spatial(4)), (Slices{1, 1, 1}));  // fc output
}

TEST(AutoSlicing, TileBytesPrefersSquareSpatialTiles) {
  // 16 x 16 x 64 = 16 KiB tiles of a 224 x 224 x 64 tensor.
  EXPECT_EQ(auto_slices({224, 224, 64}, 1, tile_bytes(16384)), (Slices{14, 14, 1}));
  // 4096 bytes are 8 pixels of 512 channels: 7 x 7 cut 2 x 3 (4x3, 3x3, 4x2, 3x2 pixels).
  EXPECT_EQ(auto_slices({7, 7, 512}, 1, tile_bytes(4096)), (Slices{2, 3, 1}));
  // Element size counts: 1568 bytes are 7 x 7 pixels of 16 two-byte channels.
  EXPECT_EQ(auto_slices({28, 28, 16}, 2, tile_bytes(1568)), (Slices{4, 4, 1}));
  EXPECT_EQ(auto_slices({28, 28, 16}, 1, tile_bytes(1568)), (Slices{3, 3, 1}));
  // A tensor smaller than the target stays whole.
  EXPECT_EQ(auto_slices({5, 5, 16}, 1, tile_bytes(4096)), (Slices{1, 1, 1}));
  // A tall narrow tensor gets tall tiles rather than thin slivers.
  EXPECT_EQ(auto_slices({1000, 1, 1}, 1, tile_bytes(100)), (Slices{10, 1, 1}));
}

TEST(AutoSlicing, TileBytesCutsChannelsOnlyBelowOnePixel) {
  EXPECT_EQ(auto_slices({1, 1, 4096}, 1, tile_bytes(1024)), (Slices{1, 1, 4}));
  EXPECT_EQ(auto_slices({14, 14, 1024}, 1, tile_bytes(256)), (Slices{14, 14, 4}));
  EXPECT_EQ(auto_slices({2, 2, 3}, 1, tile_bytes(1)), (Slices{2, 2, 3}));  // never past the dimension
}

TEST(AutoSlicing, TilesStayNearTheTargetOnRealNetworks) {
  for (const char* name : {"vgg16", "resnet18", "mobilenet_v1", "alexnet"}) {
    const Network net = load_network(config(std::string("networks/") + name + ".json"));
    for (std::int64_t target : {256, 4096, 65536}) {
      for (const Layer& l : net.layers) {
        const Slices s = auto_slices(l.out, net.element_bytes, tile_bytes(target));
        EXPECT_LE(s.rows, l.out.h);
        EXPECT_LE(s.cols, l.out.w);
        EXPECT_LE(s.channels, l.out.c);
        const std::int64_t bytes = net.tensor_bytes(l.out);
        if (bytes < target) {
          EXPECT_EQ(s.count(), 1) << l.name;
          continue;
        }
        // Mean and largest tile within a small factor of the target.
        const double mean = static_cast<double>(bytes) / static_cast<double>(s.count());
        EXPECT_GE(mean, target / 2.5) << name << " " << l.name << " " << target;
        EXPECT_LE(mean, target * 2.5) << name << " " << l.name << " " << target;
        EXPECT_LE(largest_tile(l.out, s, net.element_bytes), target * 4) << name << " " << l.name;
      }
    }
  }
}

TEST(AutoSlicing, AppliesToInputAndEveryLayer) {
  Network net = load_network(config("networks/resnet18.json"));
  apply_auto_slicing(net, tile_bytes(32768));
  EXPECT_EQ(net.input_slices, auto_slices(net.input_shape, 1, tile_bytes(32768)));
  std::int64_t tasks = 0;
  for (const Layer& l : net.layers) {
    EXPECT_EQ(l.slices, auto_slices(l.out, 1, tile_bytes(32768))) << l.name;
    tasks += l.slices.count();
  }
  const CnnGraph g = build_cnn_graph(net, load_platform(config("platforms/default.json")));
  EXPECT_EQ(g.graph.num_tasks(), tasks);
  EXPECT_EQ(g.input_buffers.size(), static_cast<std::size_t>(net.input_slices.count()));

  Network lenet = load_network(config("networks/lenet5.json"));
  apply_auto_slicing(lenet, spatial(4));
  EXPECT_EQ(lenet.input_slices, (Slices{4, 4, 1}));
  EXPECT_EQ(lenet.layers[lenet.find("S4")].slices, (Slices{4, 4, 1}));  // 5 x 5
  EXPECT_EQ(lenet.layers[lenet.find("C5")].slices, (Slices{1, 1, 1}));  // 1 x 1
  EXPECT_EQ(lenet.layers[lenet.find("F7")].slices, (Slices{1, 1, 1}));
}

}  // namespace
}  // namespace cnnsched::auto_slicing_test
