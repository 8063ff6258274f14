// Memory-aware HEFT on real tile graphs: LeNet-5 C1-S2-C3 and a residual
// network. At every capacity from the smallest feasible one up the schedule is
// valid and its peak stays within the bound; below it the error names a task,
// the bytes it needed and the smallest capacity, which then works.
#include <gtest/gtest.h>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/memheft.hpp>

namespace cnnsched::memheft_cnn_test {
namespace {

std::string config(const std::string& path) { return std::string(CNNSCHED_SOURCE_DIR) + "/configs/" + path; }

CnnGraph graph_of(const std::string& network) {
  return build_cnn_graph(load_network(config(network)), load_platform(config("platforms/default.json")));
}

void check_bound_everywhere(const CnnGraph& cnn) {
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  const Bytes heft_peak = memory_profile(cnn.graph, cnn.buffers, schedule_heft(cnn.graph)).peak_bytes;
  ASSERT_GT(smallest, 0);
  ASSERT_LT(smallest, heft_peak);  // the bound really binds below HEFT's own peak
  for (int i = 0; i <= 10; ++i) {
    const Bytes cap = smallest + (heft_peak - smallest) * i / 10;
    const Schedule s = schedule_memheft(cnn.graph, cnn.buffers, cap);
    const ValidationReport r = validate(cnn.graph, cnn.buffers, s, cap);
    EXPECT_TRUE(r.ok) << "capacity " << cap << ": " << (r.violations.empty() ? "" : r.violations.front());
    EXPECT_LE(r.peak_bytes, cap);
  }
  try {
    schedule_memheft(cnn.graph, cnn.buffers, smallest - 1);
    ADD_FAILURE() << "no error below the smallest capacity";
  } catch (const InfeasibleCapacity& e) {
    EXPECT_GE(cnn.graph.find(e.task()), 0) << e.task();
    EXPECT_GT(e.needed(), 0);
    EXPECT_EQ(e.smallest_feasible(), smallest);
    EXPECT_NE(std::string(e.what()).find(e.task()), std::string::npos);
  }
}

TEST(MemHeftCnn, LeNetC1S2C3WithinEveryCapacity) {
  check_bound_everywhere(graph_of("networks/lenet5_c1s2c3.json"));
}

TEST(MemHeftCnn, ResidualNetworkWithinEveryCapacity) {
  check_bound_everywhere(graph_of("networks/tests/residual.json"));
}

}  // namespace
}  // namespace cnnsched::memheft_cnn_test
