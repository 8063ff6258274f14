// `--policy exact` through cnnsched: its status line, the same optimum as the
// library, exit 3 below the smallest capacity, exit 2 above the size limit.
#include <string>

#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/policies/exact.hpp>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

std::string topcuoglu() { return source("configs/dags/topcuoglu2002.json"); }

long value_after(const std::string& text, const std::string& key) {
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + key.size()));
}

TEST(ExactCli, ScheduleGivesTheProvenOptimum) {
  const DagFile dag = load_dag_json(topcuoglu());
  const Bytes smallest = *exact_smallest_capacity(dag.graph, dag.buffers);
  const Bytes cap = smallest + 10;
  const ExactResult want = schedule_exact(dag.graph, dag.buffers, cap);
  ASSERT_EQ(want.status, ExactStatus::Optimal);
  const Outcome r = cnnsched({"schedule", "--dag", topcuoglu(), "--policy", "exact", "--capacity",
                              std::to_string(cap), "--time-limit", "10"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("status: optimal\n"), std::string::npos) << r.out;
  EXPECT_EQ(value_after(r.out, "makespan: "), want.schedule.makespan()) << r.out;
  EXPECT_LE(value_after(r.out, "peak_memory_bytes: "), cap) << r.out;

  const Outcome bad = cnnsched(
      {"schedule", "--dag", topcuoglu(), "--policy", "exact", "--capacity", std::to_string(smallest - 1)});
  EXPECT_EQ(bad.code, 3) << bad.err;
  EXPECT_NE(bad.err.find("proven"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("smallest capacity any schedule meets is " + std::to_string(smallest)),
            std::string::npos)
      << bad.err;
}

TEST(ExactCli, RefusesLargeGraphsNamingTheLimit) {
  const Outcome r =
      cnnsched({"simulate", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform",
                source("configs/platforms/default.json"), "--policy", "exact", "--traces", "false"});
  expect_input_error(r, {"--policy exact", "at most " + std::to_string(kExactMaxTasks)});
  expect_input_error(cnnsched({"schedule", "--dag", topcuoglu(), "--policy", "exact", "--time-limit", "-1"}),
                     {"--time-limit", ">= 0"});
}

TEST(ExactCli, SimulatesACoarseTileGraph) {
  const Outcome r =
      cnnsched({"simulate", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform",
                source("configs/platforms/default.json"), "--policy", "exact", "--traces", "false",
                "--slices", "C1=7,1,1", "--slices", "S2=7,1,1", "--slices", "C3=1,1,4", "--time-limit", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.find("exact policy status: optimal") != std::string::npos ||
              r.out.find("exact policy status: best-found") != std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace cnnsched::cli_test
