// ONNX models on the command line: `cnnsched dag` imports them and slices
// them like `simulate`, and output files are named after the model's file.
#include <filesystem>
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::onnx_cli_test {
namespace {

using namespace cli_test;

const char* const kLenetOnnx = "tests/onnx/models/lenet5.onnx";

Outcome dag(const std::string& network, const std::string& out, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {
      "dag", "--network", network, "--platform", source("configs/platforms/default.json"), "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  return cnnsched(args);
}

TEST(OnnxCli, DagTakesOnnxAndAutoSlicing) {
  const Outcome plain = dag(source(kLenetOnnx), temp("plain.dag.json"), {});
  if (plain.err.find("without ONNX support") != std::string::npos) GTEST_SKIP() << plain.err;
  ASSERT_EQ(plain.code, 0) << plain.err;
  const Outcome sliced = dag(source(kLenetOnnx), temp("sliced.dag.json"), {"--auto-slicing", "spatial:2"});
  ASSERT_EQ(sliced.code, 0) << sliced.err;
  // The imported layers come unsliced (one task each); spatial:2 cuts them.
  EXPECT_GT(number_after(sliced.out, "tasks: "), number_after(plain.out, "tasks: "));
  // The same slicing of the equivalent JSON config gives the same graph size.
  const Outcome json =
      dag(source("configs/networks/lenet5.json"), temp("json.dag.json"), {"--auto-slicing", "spatial:2"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(number_after(sliced.out, "tasks: "), number_after(json.out, "tasks: "));
  EXPECT_EQ(number_after(sliced.out, "edges: "), number_after(json.out, "edges: "));
  expect_input_error(dag(source(kLenetOnnx), temp("bad.dag.json"), {"--auto-slicing", "spatial:x"}),
                     {"--auto-slicing"});
}

TEST(OnnxCli, OutputFilesAreNamedAfterTheModelFile) {
  // The model's graph is called "lenet5"; the file name is what names the outputs.
  const std::string model = temp("my.model.onnx");
  std::filesystem::copy_file(source(kLenetOnnx), model, std::filesystem::copy_options::overwrite_existing);
  const std::string out_dir = temp("named");
  const Outcome r =
      cnnsched({"simulate", "--network", model, "--platform", source("configs/platforms/default_ddr4.json"),
                "--policy", "heft", "--out-dir", out_dir, "--capacity", "0"});
  if (r.err.find("without ONNX support") != std::string::npos) GTEST_SKIP() << r.err;
  EXPECT_NE(r.out.find("network: my.model,"), std::string::npos) << r.out << r.err;
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/my.model_heft.report.txt")) << r.out << r.err;
}

}  // namespace
}  // namespace cnnsched::onnx_cli_test
