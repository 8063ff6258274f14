// The built-in networks against their published architectures: every layer's
// output shape, layer counts, multiply-accumulates and weights. BatchNorm is
// folded, so weights are conv / fc weights plus one bias per output channel.
// MACs count conv and fc layers only, as the published figures do.
#include <cmath>
#include <gtest/gtest.h>

#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>

namespace cnnsched::networks_test {
namespace {

std::string config(const std::string& path) { return std::string(CNNSCHED_SOURCE_DIR) + "/configs/" + path; }

std::int64_t conv_fc_macs(const Network& net) {
  std::int64_t macs = 0;
  for (const Layer& l : net.layers)
    if (l.has_weights()) macs += l.out.elements() * l.macs_per_output();
  return macs;
}

std::int64_t weights(const Network& net) {
  std::int64_t w = 0;
  for (const Layer& l : net.layers) w += l.weight_elements({0, l.out.c});
  return w;
}

// Relative deviation allowed from a published MAC or parameter count: published
// figures are rounded, and ours count a bias where BatchNorm had scale and shift.
constexpr double kTolerance = 0.02;

void expect_near_published(const char* what, std::int64_t ours, double published) {
  EXPECT_LE(std::abs(static_cast<double>(ours) - published), kTolerance * published)
      << what << ": ours " << ours << ", published " << published;
}

int count(const Network& net, LayerKind kind) {
  int n = 0;
  for (const Layer& l : net.layers) n += l.kind == kind;
  return n;
}

void expect_shapes(const Network& net, const std::vector<std::pair<std::string, Shape>>& expected) {
  for (const auto& [name, shape] : expected) {
    const int i = net.find(name);
    ASSERT_GE(i, 0) << name;
    EXPECT_EQ(net.layers[static_cast<std::size_t>(i)].out, shape)
        << name << ": " << net.layers[static_cast<std::size_t>(i)].out.to_string() << ", expected "
        << shape.to_string();
  }
}

TEST(Networks, AlexNetTorchvision) {
  const Network net = load_network(config("networks/alexnet.json"));
  EXPECT_EQ(net.input_shape, (Shape{224, 224, 3}));
  ASSERT_EQ(net.layers.size(), 11u);
  expect_shapes(net, {{"conv1", {55, 55, 64}},
                      {"pool1", {27, 27, 64}},
                      {"conv2", {27, 27, 192}},
                      {"pool2", {13, 13, 192}},
                      {"conv3", {13, 13, 384}},
                      {"conv4", {13, 13, 256}},
                      {"conv5", {13, 13, 256}},
                      {"pool5", {6, 6, 256}},
                      {"fc6", {1, 1, 4096}},
                      {"fc7", {1, 1, 4096}},
                      {"fc8", {1, 1, 1000}}});
  EXPECT_EQ(count(net, LayerKind::kConv), 5);
  EXPECT_EQ(count(net, LayerKind::kFc), 3);
  expect_near_published("AlexNet MACs", conv_fc_macs(net), 0.714e9);
  expect_near_published("AlexNet weights", weights(net), 61'100'840);  // torchvision
}

TEST(Networks, Vgg16ConfigurationD) {
  const Network net = load_network(config("networks/vgg16.json"));
  ASSERT_EQ(net.layers.size(), 21u);
  EXPECT_EQ(count(net, LayerKind::kConv), 13);
  EXPECT_EQ(count(net, LayerKind::kMaxPool), 5);
  EXPECT_EQ(count(net, LayerKind::kFc), 3);
  // Block b has its convs at 224 / 2^(b-1) and channels 64, 128, 256, 512, 512.
  const int convs_per_block[5] = {2, 2, 3, 3, 3};
  const std::int64_t channels[5] = {64, 128, 256, 512, 512};
  std::vector<std::pair<std::string, Shape>> expected;
  for (int b = 0; b < 5; ++b) {
    const std::int64_t hw = 224 >> b;
    for (int c = 1; c <= convs_per_block[b]; ++c)
      expected.push_back({"conv" + std::to_string(b + 1) + "_" + std::to_string(c), {hw, hw, channels[b]}});
    expected.push_back({"pool" + std::to_string(b + 1), {hw / 2, hw / 2, channels[b]}});
  }
  expected.push_back({"fc6", {1, 1, 4096}});
  expected.push_back({"fc7", {1, 1, 4096}});
  expected.push_back({"fc8", {1, 1, 1000}});
  ASSERT_EQ(expected.size(), 21u);
  expect_shapes(net, expected);
  expect_near_published("VGG-16 MACs", conv_fc_macs(net), 15.47e9);
  expect_near_published("VGG-16 weights", weights(net), 138'357'544);
}

TEST(Networks, ResNet18) {
  const Network net = load_network(config("networks/resnet18.json"));
  EXPECT_EQ(net.input_shape, (Shape{224, 224, 3}));
  // Stem 2 + 8 blocks x (2 convs + add) + 3 downsamples + avgpool + fc.
  ASSERT_EQ(net.layers.size(), 31u);
  EXPECT_EQ(count(net, LayerKind::kConv), 20);
  EXPECT_EQ(count(net, LayerKind::kAdd), 8);
  expect_shapes(net, {{"conv1", {112, 112, 64}},
                      {"pool1", {56, 56, 64}},
                      {"layer1.0.conv1", {56, 56, 64}},
                      {"layer1.1.add", {56, 56, 64}},
                      {"layer2.0.conv1", {28, 28, 128}},
                      {"layer2.0.downsample", {28, 28, 128}},
                      {"layer2.1.add", {28, 28, 128}},
                      {"layer3.0.downsample", {14, 14, 256}},
                      {"layer3.1.add", {14, 14, 256}},
                      {"layer4.0.downsample", {7, 7, 512}},
                      {"layer4.1.add", {7, 7, 512}},
                      {"avgpool", {1, 1, 512}},
                      {"fc", {1, 1, 1000}}});
  // Every add joins the block's second conv with the block input or its downsample.
  for (const Layer& l : net.layers) {
    if (l.kind != LayerKind::kAdd) continue;
    ASSERT_EQ(l.inputs.size(), 2u) << l.name;
    const std::string block = l.name.substr(0, l.name.size() - 3);  // "layerS.B."
    EXPECT_EQ(net.layers[static_cast<std::size_t>(l.inputs[0])].name, block + "conv2");
    const Layer& shortcut = net.layers[static_cast<std::size_t>(l.inputs[1])];
    EXPECT_TRUE(shortcut.name == block + "downsample" || shortcut.kind == LayerKind::kAdd ||
                shortcut.name == "pool1")
        << l.name << " <- " << shortcut.name;
    EXPECT_EQ(l.activation, Activation::kRelu) << l.name;
  }
  const Layer& ds = net.layers[static_cast<std::size_t>(net.find("layer3.0.downsample"))];
  EXPECT_EQ(ds.kernel.h, 1);
  EXPECT_EQ(ds.stride.h, 2);
  expect_near_published("ResNet-18 MACs", conv_fc_macs(net), 1.814e9);
  expect_near_published("ResNet-18 weights", weights(net), 11'689'512);
}

TEST(Networks, MobileNetV1) {
  const Network net = load_network(config("networks/mobilenet_v1.json"));
  EXPECT_EQ(net.input_shape, (Shape{224, 224, 3}));
  ASSERT_EQ(net.layers.size(), 29u);  // conv0, 13 x (dw, pw), avgpool, fc
  // Paper, Table 1: output of each depthwise / pointwise pair.
  const std::int64_t hw[13] = {112, 56, 56, 28, 28, 14, 14, 14, 14, 14, 14, 7, 7};
  const std::int64_t out[13] = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
  std::vector<std::pair<std::string, Shape>> expected = {{"conv0", {112, 112, 32}}};
  std::int64_t in = 32;
  for (int i = 0; i < 13; ++i) {
    expected.push_back({"dw" + std::to_string(i + 1), {hw[i], hw[i], in}});
    expected.push_back({"pw" + std::to_string(i + 1), {hw[i], hw[i], out[i]}});
    in = out[i];
  }
  expected.push_back({"avgpool", {1, 1, 1024}});
  expected.push_back({"fc", {1, 1, 1000}});
  expect_shapes(net, expected);
  for (int i = 1; i <= 13; ++i) {
    const Layer& dw = net.layers[static_cast<std::size_t>(net.find("dw" + std::to_string(i)))];
    EXPECT_EQ(dw.groups, dw.in.c) << dw.name;  // depthwise
    EXPECT_EQ(dw.kernel.h, 3);
    const Layer& pw = net.layers[static_cast<std::size_t>(net.find("pw" + std::to_string(i)))];
    EXPECT_EQ(pw.kernel.h, 1) << pw.name;
    EXPECT_EQ(pw.groups, 1);
  }
  expect_near_published("MobileNet-V1 MACs", conv_fc_macs(net), 569e6);
  expect_near_published("MobileNet-V1 weights", weights(net), 4.2e6);
}

// The default slicings are valid and give graphs of about a hundred to a few
// thousand tasks (one per tile): every layer tiled on average, none exploded.
TEST(Networks, DefaultSlicingsBuildTaskGraphs) {
  const Platform platform = load_platform(config("platforms/default.json"));
  for (const char* name : {"alexnet", "vgg16", "resnet18", "mobilenet_v1"}) {
    const Network net = load_network(config(std::string("networks/") + name + ".json"));
    std::int64_t tiles = 0;
    for (const Layer& l : net.layers) tiles += l.slices.count();
    const CnnGraph g = build_cnn_graph(net, platform);
    EXPECT_EQ(g.graph.num_tasks(), tiles) << name;
    EXPECT_GE(tiles, 4 * static_cast<std::int64_t>(net.layers.size())) << name;
    EXPECT_LE(tiles, 5000) << name;
    EXPECT_GT(g.macs_total, conv_fc_macs(net)) << name;  // plus pooling and adds
  }
}

}  // namespace
}  // namespace cnnsched::networks_test
