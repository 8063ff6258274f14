// tb/soc_example --accelerator true: a host CPU drives the accelerator through its
// registers; the example checks what the host saw and exits 0 only when every
// run ended as expected.
#include <cstdint>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

#include <cnnsched/hw/registers.hpp>
#include <cnnsched/sched/command/command_list_error.hpp>

#include "cli/cli_support.hpp"

namespace cnnsched::soc_example_test {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The example's line for a run that ended with `status` and `code`, as expected.
std::string line(std::uint32_t status, std::uint32_t code) {
  std::ostringstream s;
  s << std::hex << "STATUS 0x" << status << " ERROR_CODE 0x" << code << "  (as expected)";
  return s.str();
}

TEST(SocExample, HostRunsAGoodListThenABadOneThenTheGoodOneAgain) {
  const cli_test::Outcome r = cli_test::run_tool("soc_example", {"--accelerator", "true"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(count(r.out, line(reg::kStatusDone, 0)), 2u) << r.out;
  const auto bad_magic = static_cast<std::uint32_t>(CommandListErrorCode::kBadMagic);
  EXPECT_EQ(count(r.out, line(reg::kStatusError, bad_magic)), 1u) << r.out;
  EXPECT_EQ(count(r.out, "UNEXPECTED"), 0u) << r.out;
  // Both good runs: the host read the output back over the bus, bit-exact.
  EXPECT_EQ(count(r.out, "1600 elements bit-exact with the reference"), 2u) << r.out;
  EXPECT_EQ(count(r.out, "TASKS_DONE 81, DRAM_RD "), 2u) << r.out;
}

TEST(SocExample, PlatformWithoutDramIsAnInputError) {
  const cli_test::Outcome r = cli_test::run_tool(
      "soc_example",
      {"--accelerator", "true", "--platform", CNNSCHED_SOURCE_DIR "/configs/platforms/default.json"});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("default.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("dram"), std::string::npos) << r.err;
}

TEST(SocExample, MissingNetworkIsAnInputError) {
  const cli_test::Outcome r =
      cli_test::run_tool("soc_example", {"--accelerator", "true", "--network", "/nonexistent.json"});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("/nonexistent.json"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cnnsched::soc_example_test
