// A VCD is complete or absent: an error while the trace is open (before the
// simulation starts, or a file that cannot be created) never crashes inside
// SystemC and leaves no partial file.
#include <filesystem>
#include <gtest/gtest.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>
#include <cnnsched/sim/traces/vcd_trace.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::vcd_file_test {
namespace {

// Ending the test process is part of the check: SystemC used to divide by zero
// when a trace file whose simulation never started was closed.
TEST(VcdFile, ATraceWhoseRunNeverStartedIsRemovedWithoutACrash) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft);
  const std::string dir = test::trace_dir("vcd_never_started");
  std::filesystem::create_directories(dir);
  try {
    Accelerator accelerator("accelerator", platform, cnn.graph, plan);
    VcdTrace vcd(dir + "/run.vcd", accelerator);
    EXPECT_FALSE(std::filesystem::is_empty(dir));  // the temporary file
    throw std::runtime_error("an error during elaboration");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(VcdFile, AFileThatCannotBeCreatedIsAnInputErrorNamingIt) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft);
  Accelerator accelerator("accelerator", platform, cnn.graph, plan);
  const std::string path = test::trace_dir("vcd_no_folder") + "/absent/run.vcd";
  try {
    VcdTrace vcd(path, accelerator);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": cannot write: No such file or directory"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cnnsched::vcd_file_test
