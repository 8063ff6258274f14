#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/network.hpp>

namespace cnnsched::network_test {
namespace {

using nlohmann::json;

std::string config(const char* name) {
  return std::string(CNNSCHED_SOURCE_DIR) + "/configs/networks/" + name;
}

// A one-input network around the given layers.
json net_with(json layers, json shape = {16, 16, 4}) {
  return {{"name", "t"}, {"input", {{"shape", shape}}}, {"layers", layers}};
}

// Parses and expects an InputError on `field`; returns its message.
std::string error_on(const json& cfg, const std::string& field) {
  try {
    parse_network(cfg, "net.json");
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_EQ(e.source(), "net.json");
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InputError for " << field;
  return "";
}

TEST(Network, LeNet5ShapesAreInferred) {
  const Network net = load_network(config("lenet5.json"));
  EXPECT_EQ(net.name, "lenet5");
  ASSERT_EQ(net.layers.size(), 7u);
  const std::vector<std::pair<std::string, Shape>> expected = {
      {"C1", {28, 28, 6}}, {"S2", {14, 14, 6}}, {"C3", {10, 10, 16}}, {"S4", {5, 5, 16}},
      {"C5", {1, 1, 120}}, {"F6", {1, 1, 84}},  {"F7", {1, 1, 10}}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(net.layers[i].name, expected[i].first);
    EXPECT_EQ(net.layers[i].out, expected[i].second)
        << net.layers[i].name << " " << net.layers[i].out.to_string();
  }
  EXPECT_EQ(net.layers[0].in, (Shape{32, 32, 1}));
  EXPECT_EQ(net.layers[5].in, (Shape{1, 1, 120}));
  EXPECT_EQ(net.layers[0].inputs, std::vector<int>{kNetworkInput});
  EXPECT_EQ(net.layers[3].inputs, std::vector<int>{2});  // default: the previous layer
  EXPECT_EQ(net.layers[0].activation, Activation::kRelu);
  EXPECT_EQ(net.layers[6].activation, Activation::kNone);
  // Pool stride defaults to the window.
  EXPECT_EQ(net.layers[1].stride.h, 2);
}

TEST(Network, LayerArithmetic) {
  const Network net = load_network(config("lenet5.json"));
  const Layer& c3 = net.layers[2];
  EXPECT_EQ(c3.macs_per_output(), 5 * 5 * 6);
  EXPECT_EQ(c3.weight_elements({0, 8}), 5 * 5 * 6 * 8 + 8);
  EXPECT_EQ(c3.input_channels({8, 16}), (Range{0, 6}));  // dense conv reads every channel
  const Layer& f6 = net.layers[5];
  EXPECT_EQ(f6.macs_per_output(), 120);
  EXPECT_EQ(f6.weight_elements({0, 84}), 120 * 84 + 84);
  EXPECT_EQ(net.layers[1].input_channels({2, 4}), (Range{2, 4}));  // pooling reads its own channels
  EXPECT_EQ(net.layers[1].weight_elements({0, 6}), 0);
}

TEST(Network, VggSixteenHasItsShapes) {
  const Network net = load_network(config("vgg16.json"));
  ASSERT_EQ(net.layers.size(), 21u);
  int convs = 0, pools = 0, fcs = 0;
  for (const Layer& l : net.layers) {
    convs += l.kind == LayerKind::kConv;
    pools += l.kind == LayerKind::kMaxPool;
    fcs += l.kind == LayerKind::kFc;
  }
  EXPECT_EQ(convs, 13);
  EXPECT_EQ(pools, 5);
  EXPECT_EQ(fcs, 3);
  EXPECT_EQ(net.layers[0].out, (Shape{224, 224, 64}));
  EXPECT_EQ(net.layers[net.find("pool5")].out, (Shape{7, 7, 512}));
  EXPECT_EQ(net.layers[net.find("fc6")].macs_per_output(), 7 * 7 * 512);
  EXPECT_EQ(net.layers.back().out, (Shape{1, 1, 1000}));
}

TEST(Network, GroupedAndDepthwiseConv) {
  const Network net = parse_network(
      net_with({{{"name", "G"},
                 {"kind", "conv"},
                 {"kernel", 3},
                 {"padding", 1},
                 {"groups", 2},
                 {"out_channels", 8}},
                {{"name", "D"}, {"kind", "conv"}, {"kernel", 3}, {"groups", 8}, {"out_channels", 8}}}),
      "net.json");
  const Layer& g = net.layers[0];
  EXPECT_EQ(g.out, (Shape{16, 16, 8}));
  EXPECT_EQ(g.input_channels({0, 4}), (Range{0, 2}));  // group 0
  EXPECT_EQ(g.input_channels({3, 5}), (Range{0, 4}));  // straddles both groups
  EXPECT_EQ(g.weight_elements({0, 8}), 3 * 3 * 2 * 8 + 8);
  const Layer& d = net.layers[1];
  EXPECT_EQ(d.out, (Shape{14, 14, 8}));
  EXPECT_EQ(d.input_channels({5, 7}), (Range{5, 7}));
  EXPECT_EQ(d.macs_per_output(), 9);
}

TEST(Network, ResidualAddTakesTwoInputs) {
  const Network net = parse_network(
      net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 3}, {"padding", 1}, {"out_channels", 4}},
                {{"name", "B"}, {"kind", "conv"}, {"kernel", 1}, {"out_channels", 4}},
                {{"name", "R"}, {"kind", "add"}, {"inputs", {"input", "B"}}}}),
      "net.json");
  EXPECT_EQ(net.layers[2].inputs, (std::vector<int>{kNetworkInput, 1}));
  EXPECT_EQ(net.layers[2].out, (Shape{16, 16, 4}));
  EXPECT_EQ(net.consumers()[1], std::vector<int>{2});
  EXPECT_TRUE(net.consumers()[2].empty());
}

TEST(NetworkErrors, UnknownKind) {
  const std::string msg = error_on(net_with({{{"name", "A"}, {"kind", "lstm"}}}), "layers[0].kind");
  EXPECT_NE(msg.find("conv, maxpool"), std::string::npos);
}

TEST(NetworkErrors, MissingZeroAndNegativeSizes) {
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 3}}}), "layers[0].out_channels");
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", {0, 3}}, {"out_channels", 2}}}),
           "layers[0].kernel[0]");
  error_on(
      net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 3}, {"padding", {1, -1}}, {"out_channels", 2}}}),
      "layers[0].padding[1]");
  error_on(net_with({{{"name", "A"}, {"kind", "maxpool"}, {"window", 2}, {"stride", 0}}}),
           "layers[0].stride");
  error_on(net_with({{{"name", "A"}, {"kind", "fc"}, {"out_features", -4}}}), "layers[0].out_features");
  error_on(net_with({{{"name", "A"}, {"kind", "fc"}, {"out_features", 4}}}, {0, 4, 4}), "input.shape[0]");
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 2.5}, {"out_channels", 2}}}),
           "layers[0].kernel");
}

TEST(NetworkErrors, KernelLargerThanPaddedInput) {
  const std::string msg = error_on(
      net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", {19, 3}}, {"padding", 1}, {"out_channels", 2}}}),
      "layers[0].kernel");
  EXPECT_NE(msg.find("padded input"), std::string::npos);
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 3}, {"padding", 3}, {"out_channels", 2}}}),
           "layers[0].padding");
}

TEST(NetworkErrors, GroupsMustDivideChannels) {
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"groups", 3}, {"out_channels", 6}}}),
           "layers[0].groups");
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernel", 1}, {"groups", 4}, {"out_channels", 6}}}),
           "layers[0].groups");
}

TEST(NetworkErrors, AddNeedsTwoInputsOfEqualShape) {
  const json a = {{"name", "A"}, {"kind", "conv"}, {"kernel", 3}, {"out_channels", 4}};
  const std::string msg = error_on(
      net_with({a, {{"name", "R"}, {"kind", "add"}, {"inputs", {"input", "A"}}}}), "layers[1].inputs");
  EXPECT_NE(msg.find("16x16x4 and 14x14x4"), std::string::npos) << msg;
  error_on(net_with({a, {{"name", "R"}, {"kind", "add"}, {"inputs", {"A"}}}}), "layers[1].inputs");
  error_on(net_with({a, {{"name", "R"}, {"kind", "add"}, {"inputs", {"A", "A"}}}}), "layers[1].inputs");
  error_on(net_with({a, {{"name", "P"}, {"kind", "maxpool"}, {"window", 2}, {"inputs", {"A", "input"}}}}),
           "layers[1].inputs");
}

TEST(NetworkErrors, InputNamesMustBeEarlierLayers) {
  const json pool = {{"name", "P"}, {"kind", "maxpool"}, {"window", 2}};
  json unknown = pool;
  unknown["inputs"] = "nope";
  error_on(net_with({unknown}), "layers[0].inputs");
  json forward = pool;
  forward["inputs"] = {"Q"};
  const std::string msg = error_on(net_with({forward, {{"name", "Q"}, {"kind", "maxpool"}, {"window", 2}}}),
                                   "layers[0].inputs[0]");
  EXPECT_NE(msg.find("later"), std::string::npos) << msg;
  json self = pool;
  self["inputs"] = "P";
  error_on(net_with({self}), "layers[0].inputs");
}

TEST(NetworkErrors, DuplicateAndInvalidNames) {
  const json pool = {{"name", "P"}, {"kind", "maxpool"}, {"window", 2}};
  error_on(net_with({pool, pool}), "layers[1].name");
  json bad = pool;
  bad["name"] = "P[0]";
  error_on(net_with({bad}), "layers[0].name");
  bad["name"] = "input";
  error_on(net_with({bad}), "layers[0].name");
}

TEST(NetworkErrors, UnknownFieldsAreTypos) {
  error_on(net_with({{{"name", "A"}, {"kind", "conv"}, {"kernal", 3}, {"kernel", 3}, {"out_channels", 2}}}),
           "layers[0].kernal");
  json cfg = net_with({{{"name", "A"}, {"kind", "maxpool"}, {"window", 2}}});
  cfg["element_byte"] = 2;
  error_on(cfg, "element_byte");
}

TEST(NetworkErrors, SlicesMayNotLeaveEmptyTiles) {
  const std::string msg =
      error_on(net_with({{{"name", "A"}, {"kind", "maxpool"}, {"window", 2}, {"slices", {9, 1, 1}}}}),
               "layers[0].slices");
  EXPECT_NE(msg.find("empty"), std::string::npos);
  error_on(net_with({{{"name", "A"}, {"kind", "fc"}, {"out_features", 10}, {"slices", {2, 1, 1}}}}),
           "layers[0].slices");
  error_on(net_with({{{"name", "A"}, {"kind", "maxpool"}, {"window", 2}, {"slices", {1, 0, 1}}}}),
           "layers[0].slices[1]");
  json cfg = net_with({{{"name", "A"}, {"kind", "maxpool"}, {"window", 2}}});
  cfg["input"]["slices"] = {1, 1, 5};
  error_on(cfg, "input.slices");
}

TEST(NetworkErrors, MissingFileOrBadJson) {
  EXPECT_THROW(load_network("/nonexistent/net.json"), InputError);
  EXPECT_THROW(parse_network(json::array(), "net.json"), InputError);
  error_on(net_with(json::array()), "layers");
}

TEST(NetworkSetSlices, OverridesOneLayerWithValidation) {
  Network net = load_network(config("lenet5_c1s2c3.json"));
  net.set_slices("S2", {7, 2, 3});
  EXPECT_EQ(net.layers[1].slices, (Slices{7, 2, 3}));
  net.set_slices("input", {4, 1, 1});
  EXPECT_EQ(net.input_slices, (Slices{4, 1, 1}));
  try {
    net.set_slices("S2", {15, 1, 1}, "--slices");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "--slices");
    EXPECT_EQ(e.field(), "S2.slices");
  }
  EXPECT_EQ(net.layers[1].slices, (Slices{7, 2, 3}));  // unchanged after a rejected override
  try {
    net.set_slices("S9", {1, 1, 1});
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no layer 'S9'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cnnsched::network_test
