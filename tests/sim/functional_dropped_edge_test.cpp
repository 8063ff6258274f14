// The functional check catches a schedule that runs a consumer before its
// producer: the tile graph loses one dependency edge (a test hook), HEFT then
// starts the consumer before the producer finishes, the consumer computes on
// poisoned (unwritten) data and the check names its tile.
#include <gtest/gtest.h>
#include <optional>

#include "functional_test_support.hpp"

namespace cnnsched::functional_dropped_edge_test {
namespace {

// The same task graph without edge `drop`: tasks, costs, processors and every
// other edge unchanged.
TaskGraph without_edge(const TaskGraph& g, EdgeId drop) {
  std::vector<std::string> names;
  std::vector<int> classes;
  for (int p = 0; p < g.num_processors(); ++p) {
    names.push_back(g.processor_name(p));
    classes.push_back(g.processor_class(p));
  }
  TaskGraph out(names, classes);
  std::vector<Time> costs(static_cast<std::size_t>(g.num_classes()));
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    for (int c = 0; c < g.num_classes(); ++c) costs[static_cast<std::size_t>(c)] = g.class_cost(t, c);
    out.add_task(g.name(t), g.layer(t), costs);
  }
  for (EdgeId e = 0; e < g.num_edges(); ++e)
    if (e != drop) out.add_edge(g.edge(e).from, g.edge(e).to, g.edge(e).comm_cost, g.edge(e).bytes);
  out.finalize();
  return out;
}

struct Broken {
  CnnGraph cnn;
  PolicyPlan plan;
  Edge dropped;
};

// The first edge whose removal lets HEFT start the consumer before the producer finishes.
std::optional<Broken> break_one_edge(const CnnGraph& cnn) {
  for (EdgeId e = 0; e < cnn.graph.num_edges(); ++e) {
    Broken b{cnn, {}, cnn.graph.edge(e)};
    b.cnn.graph = without_edge(cnn.graph, e);
    b.plan = plan_policy(b.cnn, Policy::Heft);
    const auto& slots = b.plan.schedule.slots;
    if (slots[static_cast<std::size_t>(b.dropped.to)].start <
        slots[static_cast<std::size_t>(b.dropped.from)].finish)
      return b;
  }
  return std::nullopt;
}

TEST(FunctionalDroppedEdge, ConsumerBeforeProducerIsCaughtAndNamed) {
  const Platform platform = test::lenet_platform(false);
  const Network net = test::network_config("configs/networks/lenet5_c1s2c3.json");
  const CnnGraph intact = build_cnn_graph(net, platform);
  const std::optional<Broken> broken = break_one_edge(intact);
  ASSERT_TRUE(broken.has_value()) << "no single edge lets HEFT reorder a consumer before its producer";
  const Edge& e = broken->dropped;
  const std::string consumer = intact.graph.name(e.to);
  ASSERT_EQ(broken->cnn.graph.num_edges(), intact.graph.num_edges() - 1);

  const SimResult r = test::simulate_functional(net, broken->cnn, broken->plan, platform, true);
  // The precondition, in the simulated times: the consumer really ran before the producer finished.
  ASSERT_LT(r.tasks[static_cast<std::size_t>(e.to)].start, r.tasks[static_cast<std::size_t>(e.from)].finish)
      << consumer << " / " << intact.graph.name(e.from);
  ASSERT_TRUE(r.functional_checked);
  EXPECT_FALSE(r.functional_ok);
  EXPECT_GT(r.functional_mismatch_tiles, 0u);
  // The first mismatch (task order) is the consumer's tile, as written, with its first differing element.
  const std::string first_line = r.functional_mismatches.substr(0, r.functional_mismatches.find('\n'));
  EXPECT_NE(first_line.find("tile " + consumer + " (as written)"), std::string::npos)
      << r.functional_mismatches;
  EXPECT_NE(first_line.find("first difference at (h="), std::string::npos) << first_line;
  EXPECT_NE(first_line.find("expected "), std::string::npos) << first_line;
  EXPECT_NE(r.report_text.find("MISMATCH"), std::string::npos);

  // The same plan with the intact graph's edges restored checks out.
  const PolicyPlan intact_plan = plan_policy(intact, Policy::Heft);
  EXPECT_TRUE(test::simulate_functional(net, intact, intact_plan, platform, true).functional_ok);
}

TEST(FunctionalDroppedEdge, NetworkOutputCheckAloneFailsAndFailOnMismatchThrows) {
  const Platform platform = test::lenet_platform(false);
  const Network net = test::network_config("configs/networks/lenet5_c1s2c3.json");
  const std::optional<Broken> broken = break_one_edge(build_cnn_graph(net, platform));
  ASSERT_TRUE(broken.has_value());
  const SimResult r = test::simulate_functional(net, broken->cnn, broken->plan, platform, false);
  ASSERT_TRUE(r.functional_checked);
  EXPECT_FALSE(r.functional_ok);
  EXPECT_NE(r.functional_mismatches.find("network output read back"), std::string::npos)
      << r.functional_mismatches;

  SimOptions o;
  o.functional = true;
  o.network = &net;
  o.fail_on_mismatch = true;
  try {
    simulate_isolated(broken->cnn, broken->plan, platform, o);
    ADD_FAILURE() << "a functional mismatch with fail_on_mismatch did not throw";
  } catch (const SimulationError& err) {
    EXPECT_NE(std::string(err.what()).find("functional check failed"), std::string::npos) << err.what();
  }
}

}  // namespace
}  // namespace cnnsched::functional_dropped_edge_test
