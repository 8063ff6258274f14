// A memory bound below what any schedule can meet: exit code 3 and one message
// naming the task that could not fit, the bytes it needed and the smallest
// capacity that works (which then does work).
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

// The number after `label` in `text`, or -1.
void expect_infeasible(const Outcome& r) {
  EXPECT_EQ(r.code, 3) << "signal " << r.signal << (r.hung ? " (hung)" : "") << "\n" << r.err;
  EXPECT_NE(r.err.find("memory capacity 1 bytes is infeasible for memory-aware HEFT: task '"),
            std::string::npos)
      << r.err;
  EXPECT_GT(number_after(r.err, "' needs "), 1) << r.err;
  EXPECT_GT(number_after(r.err, "the smallest capacity memory-aware HEFT meets is "), 1) << r.err;
}

TEST(CapacityErrors, ScheduleWithCapacityOne) {
  const std::string dag = temp("lenet_dag.json");
  ASSERT_EQ(cnnsched({"dag", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform",
                      source("configs/platforms/default.json"), "--out", dag})
                .code,
            0);
  const Outcome r = cnnsched({"schedule", "--dag", dag, "--policy", "memheft", "--capacity", "1"});
  expect_infeasible(r);
  const long smallest = number_after(r.err, "the smallest capacity memory-aware HEFT meets is ");
  const Outcome ok =
      cnnsched({"schedule", "--dag", dag, "--policy", "memheft", "--capacity", std::to_string(smallest)});
  EXPECT_EQ(ok.code, 0) << ok.err;
}

TEST(CapacityErrors, SimulateWithCapacityOne) {
  const Outcome r = cnnsched({"simulate", "--network", source("configs/networks/lenet5_c1s2c3.json"),
                              "--platform", source("configs/platforms/default.json"), "--policy", "memheft",
                              "--capacity", "1", "--traces", "false"});
  expect_infeasible(r);
}

}  // namespace
}  // namespace cnnsched::cli_test
