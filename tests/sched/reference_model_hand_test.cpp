// The untiled reference against values computed by hand from the generator.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cnnsched/sched/functional/reference_model.hpp>

namespace cnnsched::reference_model_hand_test {
namespace {

Network parse(const char* text) { return parse_network(nlohmann::json::parse(text), "<test>"); }

TEST(ReferenceModel, InputIsTheGeneratorInHwcOrder) {
  const Network net =
      parse(R"({"input": {"shape": [2, 3, 2]}, "layers": [{"name": "M", "kind": "maxpool", "window": 1}]})");
  const ReferenceResult r = run_reference(net, 7);
  const IntFormat f = int_format(1);
  ASSERT_EQ(r.input.values.size(), 12u);
  EXPECT_EQ(r.input.at(1, 2, 1), input_value(7, f, (1 * 3 + 2) * 2 + 1));
  EXPECT_EQ(r.layers[0].values, r.input.values);                  // a 1x1 max pool is the identity
  EXPECT_NE(run_reference(net, 8).input.values, r.input.values);  // the seed matters
}

TEST(ReferenceModel, PoolsCountOnlyInBoundsElements) {
  const Network net = parse(R"({"input": {"shape": [2, 2, 1]}, "layers": [
      {"name": "A", "kind": "avgpool", "window": 2, "stride": 1, "padding": 1},
      {"name": "M", "kind": "maxpool", "window": 2, "stride": 1, "padding": 1, "inputs": "input"}]})");
  const ReferenceResult r = run_reference(net);
  const Tensor& x = r.input;
  const Tensor& avg = r.layers[0];
  const Tensor& mx = r.layers[1];
  ASSERT_EQ(avg.shape, (Shape{3, 3, 1}));
  EXPECT_EQ(avg.at(0, 0, 0), x.at(0, 0, 0));  // one in-bounds element
  EXPECT_EQ(avg.at(0, 1, 0), (x.at(0, 0, 0) + x.at(0, 1, 0)) / 2);
  EXPECT_EQ(avg.at(1, 1, 0), (x.at(0, 0, 0) + x.at(0, 1, 0) + x.at(1, 0, 0) + x.at(1, 1, 0)) / 4);
  EXPECT_EQ(mx.at(2, 2, 0), x.at(1, 1, 0));
  EXPECT_EQ(mx.at(1, 0, 0), std::max(x.at(0, 0, 0), x.at(1, 0, 0)));
}

TEST(ReferenceModel, ConvAndFcFollowTheDocumentedArithmetic) {
  const Network net = parse(R"({"input": {"shape": [3, 3, 2]}, "layers": [
      {"name": "C", "kind": "conv", "kernel": 2, "out_channels": 2, "padding": 1, "relu": true},
      {"name": "F", "kind": "fc", "out_features": 3}]})");
  const ReferenceResult r = run_reference(net);
  const IntFormat f = int_format(1);
  const Layer& c = net.layers[0];
  const int shift = requant_shift(c, f);
  EXPECT_EQ(shift, 6 + 3 / 2);  // fan-in 2 x 2 x 2 = 8: ceil(log2) = 3
  // Output (0, 0, oc 1): the window covers input rows/cols -1..0, only (0, 0) is in bounds,
  // i.e. kernel position (1, 1): weight index ((1 * 2 + 1) * 2 + 1) * 2 + ic.
  std::int64_t acc = 0;
  for (int ic = 0; ic < 2; ++ic)
    acc += r.input.at(0, 0, ic) * weight_value(kDefaultDataSeed, f, 0, ((1 * 2 + 1) * 2 + 1) * 2 + ic);
  acc += bias_value(kDefaultDataSeed, f, 0, 1) * (std::int64_t{1} << shift);
  EXPECT_EQ(r.layers[0].at(0, 0, 1), requantize(relu(acc), shift, f));
  // fc: output 2 against the HWC-flattened 4 x 4 x 2 conv output.
  const Tensor& x = r.layers[0];
  const int fshift = requant_shift(net.layers[1], f);
  acc = 0;
  for (std::int64_t i = 0; i < 32; ++i)
    acc += x.values[static_cast<std::size_t>(i)] * weight_value(kDefaultDataSeed, f, 1, 2 * 32 + i);
  acc += bias_value(kDefaultDataSeed, f, 1, 2) * (std::int64_t{1} << fshift);
  EXPECT_EQ(r.layers[1].at(0, 0, 2), requantize(acc, fshift, f));
}

TEST(ReferenceModel, AddSaturatesAndUnsupportedWidthsAreRefused) {
  Network net = parse(R"({"input": {"shape": [4, 4, 2]}, "layers": [
      {"name": "M", "kind": "maxpool", "window": 1},
      {"name": "S", "kind": "add", "inputs": ["M", "input"]}]})");
  const ReferenceResult r = run_reference(net);
  const IntFormat f = int_format(1);
  for (std::size_t i = 0; i < r.input.values.size(); ++i)
    EXPECT_EQ(r.layers[1].values[i], saturate(2 * r.input.values[i], f));
  net.element_bytes = 8;
  EXPECT_THROW(run_reference(net), std::invalid_argument);
}

}  // namespace
}  // namespace cnnsched::reference_model_hand_test
