#include <algorithm>
#include <gtest/gtest.h>
#include <stdexcept>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>

#include "sched/heft_examples.hpp"

namespace cnnsched::layer_barrier_test {
namespace {

void expect_barriers(const TaskGraph& g, const Schedule& s) {
  std::vector<Time> first_start(g.num_layers(), INT64_MAX), last_finish(g.num_layers(), 0);
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    first_start[g.layer(t)] = std::min(first_start[g.layer(t)], s.slots[t].start);
    last_finish[g.layer(t)] = std::max(last_finish[g.layer(t)], s.slots[t].finish);
  }
  for (int l = 0; l + 1 < g.num_layers(); ++l) EXPECT_LE(last_finish[l], first_start[l + 1]) << "layer " << l;
}

TEST(LayerByLayer, KeepsLayerBarriersOnSyntheticGraphs) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SyntheticDagSpec spec;
    spec.layers = 6;
    spec.width = 7;
    spec.residual_every = 2;
    spec.heterogeneous = seed % 2 == 0;
    spec.max_comm = 50;
    spec.seed = seed;
    const SyntheticDag d = make_synthetic_dag(spec);
    const Schedule s = schedule_layer_by_layer(d.graph);
    EXPECT_EQ(s.policy, "layer");
    expect_barriers(d.graph, s);
    const ValidationReport r = validate(d.graph, d.buffers, s, 0);
    EXPECT_TRUE(r.ok) << (r.violations.empty() ? "" : r.violations[0]);
  }
}

TEST(LayerByLayer, TopcuogluExample) {
  const TaskGraph g = test::topcuoglu_graph();
  const Schedule s = schedule_layer_by_layer(g);
  expect_barriers(g, s);
  EXPECT_TRUE(validate(g, BufferPlan::from_outputs(g, std::vector<Bytes>(10, 1)), s, 0).ok);
  EXPECT_GE(s.makespan(), 80);  // the barriers cannot beat HEFT here
}

TEST(LayerByLayer, RejectsMissingLayers) {
  auto g = TaskGraph::with_distinct_processors({"P"});
  g.add_task("a", 0, {1});
  g.add_task("b", -1, {1});
  g.finalize();
  try {
    schedule_layer_by_layer(g);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("task 'b' has no layer"), std::string::npos) << e.what();
  }
}

TEST(LayerByLayer, RejectsEdgesWithinALayer) {
  auto g = TaskGraph::with_distinct_processors({"P"});
  g.add_task("a", 1, {1});
  g.add_task("b", 1, {1});
  g.add_edge(0, 1);
  g.finalize();
  EXPECT_THROW(schedule_layer_by_layer(g), std::invalid_argument);
}

}  // namespace
}  // namespace cnnsched::layer_barrier_test
