// Bad network configs: exit code 2 and one message naming the file, the field
// and what is allowed.
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

// `cnnsched dag` on a network with input 8x8x2 and the given layers.
Outcome dag_with_layers(const std::string& name, const std::string& layers) {
  const std::string net = write_file(name, R"({"input": {"shape": [8, 8, 2]}, "layers": [)" + layers + "]}");
  return cnnsched({"dag", "--network", net, "--platform", source("configs/platforms/default.json"), "--out",
                   temp("out_dag.json")});
}

TEST(NetworkErrors, WrongType) {
  expect_input_error(dag_with_layers("wrong_type.json", R"({"name": "a", "kind": "conv", "kernel": 3,
                                                           "out_channels": "six"})"),
                     {"wrong_type.json", "layers[0].out_channels", "must be an integer, got a string"});
}

TEST(NetworkErrors, MissingField) {
  expect_input_error(dag_with_layers("missing.json", R"({"name": "a", "kind": "conv", "kernel": 3})"),
                     {"missing.json", "layers[0].out_channels", "is required"});
}

TEST(NetworkErrors, NegativeOrZeroSize) {
  expect_input_error(
      dag_with_layers("negative.json", R"({"name": "a", "kind": "conv", "kernel": -3, "out_channels": 2})"),
      {"negative.json", "layers[0].kernel", "integers >= 1", "got -3"});
  expect_input_error(
      dag_with_layers("zero.json", R"({"name": "a", "kind": "conv", "kernel": 3, "out_channels": 0})"),
      {"zero.json", "layers[0].out_channels", "must be a positive integer, got 0"});
}

TEST(NetworkErrors, MoreSlicesThanTheDimension) {
  expect_input_error(dag_with_layers("tile.json", R"({"name": "a", "kind": "conv", "kernel": 3,
                                                     "out_channels": 2, "slices": [7, 1, 1]})"),
                     {"tile.json", "layers[0].slices", "cut 6 rows into 7", "a tile would be empty"});
}

TEST(NetworkErrors, KernelLargerThanPaddedInput) {
  expect_input_error(
      dag_with_layers("kernel.json", R"({"name": "a", "kind": "conv", "kernel": 9, "out_channels": 2})"),
      {"kernel.json", "layers[0].kernel", "larger than the padded input height 8"});
}

TEST(NetworkErrors, GroupsMustDivideTheChannels) {
  expect_input_error(
      dag_with_layers("groups.json", R"({"name": "a", "kind": "conv", "kernel": 3,
                                                       "out_channels": 3, "groups": 2})"),
      {"groups.json", "layers[0].groups", "must divide the input channels (2) and out_channels (3)"});
}

TEST(NetworkErrors, AddWithDifferentShapes) {
  expect_input_error(
      dag_with_layers("add.json", R"({"name": "a", "kind": "conv", "kernel": 3, "out_channels": 2},
                                                   {"name": "b", "kind": "add", "inputs": ["a", "input"]})"),
      {"add.json", "layers[1].inputs", "equal shape, got 6x6x2 and 8x8x2"});
}

TEST(NetworkErrors, ForwardReferenceOrCycle) {
  expect_input_error(dag_with_layers("forward.json", R"({"name": "a", "kind": "conv", "kernel": 1,
                                                         "out_channels": 2, "inputs": "b"},
                                                        {"name": "b", "kind": "conv", "kernel": 1,
                                                         "out_channels": 2, "inputs": "a"})"),
                     {"forward.json", "layers[0].inputs", "defined later in the file", "acyclic"});
  expect_input_error(dag_with_layers("self.json", R"({"name": "a", "kind": "maxpool", "window": 2,
                                                      "inputs": "a"})"),
                     {"self.json", "layers[0].inputs", "cannot be its own input"});
}

TEST(NetworkErrors, UnknownInputId) {
  expect_input_error(dag_with_layers("unknown.json", R"({"name": "a", "kind": "maxpool", "window": 2},
                                                        {"name": "b", "kind": "maxpool", "window": 2,
                                                         "inputs": "zz"})"),
                     {"unknown.json", "layers[1].inputs", "unknown layer 'zz'; allowed: \"input\", a"});
}

TEST(NetworkErrors, UnknownKindAndUnknownField) {
  expect_input_error(dag_with_layers("kind.json", R"({"name": "a", "kind": "lstm"})"),
                     {"kind.json", "layers[0].kind", "allowed: conv, maxpool, avgpool, fc, add"});
  expect_input_error(dag_with_layers("typo.json", R"({"name": "a", "kind": "maxpool", "windw": 2})"),
                     {"typo.json", "layers[0].windw", "unknown field; allowed here:"});
}

TEST(NetworkErrors, WorkBeyondTheModelsRange) {
  // 2^40 input elements into 2^24 outputs: 2^64 MACs would overflow the cost model.
  const std::string net = write_file("huge.json", R"({"input": {"shape": [1048576, 1, 1048576]},
      "layers": [{"name": "f", "kind": "fc", "out_features": 16777216}]})");
  expect_input_error(cnnsched({"dag", "--network", net, "--platform",
                               source("configs/platforms/default.json"), "--out", temp("out_dag.json")}),
                     {"huge.json", "layers[0]", "2^40"});
}

TEST(NetworkErrors, NotJsonOrMissingFile) {
  const std::string net = write_file("not_json.json", "{\"input\": [1, 2");
  const std::string plat = source("configs/platforms/default.json");
  expect_input_error(cnnsched({"simulate", "--network", net, "--platform", plat, "--traces", "false"}),
                     {"not_json.json", "not valid JSON"});
  expect_input_error(cnnsched({"simulate", "--network", temp("absent.json"), "--platform", plat}),
                     {"absent.json", "cannot open the file"});
}

}  // namespace
}  // namespace cnnsched::cli_test
