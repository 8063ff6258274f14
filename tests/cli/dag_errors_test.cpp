// Bad task graph files: exit code 2, the file and the field named.
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

Outcome schedule(const std::string& name, const std::string& text) {
  return cnnsched({"schedule", "--dag", write_file(name, text), "--policy", "heft"});
}

const char* const kTasks = R"("tasks": [{"id": "a", "cost": [1, 2]}, {"id": "b", "cost": [3, 4]}])";

TEST(DagErrors, Cycle) {
  expect_input_error(
      schedule("cycle.json", std::string(R"({"processors": ["P", "Q"], )") + kTasks +
                                 R"(, "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]})"),
      {"cycle.json", "edges", "cycle through task", "must form a DAG"});
}

TEST(DagErrors, UnknownTaskId) {
  expect_input_error(schedule("unknown.json", std::string(R"({"processors": ["P", "Q"], )") + kTasks +
                                                  R"(, "edges": [{"from": "a", "to": "z"}]})"),
                     {"unknown.json", "edges[0].to", "unknown task id 'z'"});
}

TEST(DagErrors, WrongLengthCostList) {
  expect_input_error(schedule("length.json", R"({"processors": ["P", "Q"],
                                                 "tasks": [{"id": "a", "cost": [1, 2, 3]}]})"),
                     {"length.json", "tasks[0].cost", "must be an array of 2 integers >= 0", "got 3 values"});
}

TEST(DagErrors, NegativeNumber) {
  expect_input_error(schedule("negative.json", R"({"processors": ["P"],
                                                   "tasks": [{"id": "a", "cost": 1, "output_bytes": -4}]})"),
                     {"negative.json", "tasks[0].output_bytes", "must be an integer >= 0, got -4"});
  expect_input_error(schedule("neg_edge.json", std::string(R"({"processors": ["P", "Q"], )") + kTasks +
                                                   R"(, "edges": [{"from": "a", "to": "b", "cost": -1}]})"),
                     {"neg_edge.json", "edges[0].cost", "got -1"});
}

TEST(DagErrors, NotJson) {
  expect_input_error(schedule("not_json.json", "processors: [P]"), {"not_json.json", "not valid JSON"});
  expect_input_error(schedule("array.json", "[1, 2]"), {"array.json", "must be a JSON object, got an array"});
}

TEST(DagErrors, LayerPolicyNeedsIncreasingLayers) {
  const std::string dag = write_file("layers.json", R"({"processors": ["P"],
      "tasks": [{"id": "a", "cost": 1, "layer": 1}, {"id": "b", "cost": 1, "layer": 0}],
      "edges": [{"from": "a", "to": "b"}]})");
  expect_input_error(cnnsched({"schedule", "--dag", dag, "--policy", "layer"}),
                     {"layers.json", "depends on task 'a' (layer 1)"});
}

}  // namespace
}  // namespace cnnsched::cli_test
