// Every tool answers --version with the project's version and exit 0.
#include <cstdio>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>

#include <cnnsched/sched/version.hpp>

namespace {

struct Output {
  int code = -1;
  std::string text;
};

Output run(const std::string& tool, const std::string& args) {
  const std::string cmd = std::string(CNNSCHED_BIN_DIR) + "/" + tool + " " + args + " 2>&1";
  Output out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[256];
  while (fgets(buf, sizeof buf, pipe) != nullptr) out.text += buf;
  const int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

class VersionTest : public ::testing::TestWithParam<const char*> {};

TEST_P(VersionTest, PrintsTheProjectVersion) {
  const Output out = run(GetParam(), "--version");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_EQ(out.text, std::string("cnnsched ") + CNNSCHED_VERSION_STRING + "\n");
}

INSTANTIATE_TEST_SUITE_P(Tools, VersionTest,
                         ::testing::Values("cnnsched", "lenet_experiment", "network_study", "quality_bench",
                                           "sched_bench", "soc_example", "tlm_bench"));

TEST(Version, IsCMakesProjectVersion) { EXPECT_STRNE(cnnsched::kVersion, "unknown"); }

}  // namespace
