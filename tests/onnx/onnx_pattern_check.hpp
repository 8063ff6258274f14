#pragma once
// One check for an ONNX pattern, shared by the pattern suites (tests/onnx_functional):
// import the model, compare every layer's shape with ONNX's own shape inference,
// then run functional mode under layer-by-layer, HEFT and memory-aware HEFT (at
// the smallest capacity it meets) and compare every tile bit for bit with the
// untiled reference, once as imported (one tile per layer) and once with
// spatial tiles (so every tile must read exactly the producer tiles its
// windows cover, or the data it gets is wrong).
#include <string>

#include <cnnsched/sched/network/auto_slicing.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

#include "onnx/onnx_model_builder.hpp"
#include "sim/functional_test_support.hpp"

namespace cnnsched::onnx_test {

// Functional runs of `net` under the three policies agree with the reference
// on every tile and keep the plan's timing.
inline void expect_functional_exact(const Network& net, const std::string& what) {
  SCOPED_TRACE(what);
  const Platform platform = test::lenet_platform(false);
  const CnnGraph cnn = build_cnn_graph(net, platform);
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  for (const PolicyPlan& plan : {plan_policy(cnn, Policy::LayerByLayer), plan_policy(cnn, Policy::Heft),
                                 plan_policy(cnn, Policy::MemHeft, smallest)}) {
    SCOPED_TRACE(policy_name(plan.policy));
    const SimResult r = test::simulate_functional(net, cnn, plan, platform);
    ASSERT_TRUE(r.functional_checked);
    EXPECT_TRUE(r.functional_ok) << r.functional_mismatches;
    std::uint64_t outputs = 0;
    for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t)
      outputs += cnn.buffers.buffer(cnn.output_buffer[static_cast<std::size_t>(t)]).until_end ? 1 : 0;
    EXPECT_EQ(r.functional_tiles, static_cast<std::uint64_t>(cnn.graph.num_tasks()) + outputs);
    EXPECT_EQ(r.tasks_mismatched, 0u);
    EXPECT_EQ(r.makespan, plan.schedule.makespan());
  }
}

// `path` is the model `builder` saved. Returns the imported (unsliced) network.
inline Network expect_pattern_exact(const ModelBuilder& builder, const std::string& path, int spatial = 3) {
  SCOPED_TRACE(path);
  Network net = import_onnx(path);
  expect_shapes_match_inference(builder, net);
  expect_functional_exact(net, "one tile per layer");
  Network tiled = net;
  apply_auto_slicing(tiled, parse_auto_slicing("spatial:" + std::to_string(spatial), "test"));
  expect_functional_exact(tiled, "spatial:" + std::to_string(spatial));
  return net;
}

}  // namespace cnnsched::onnx_test
