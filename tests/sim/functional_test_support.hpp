#pragma once
// Shared helpers of the functional-mode tests: run a network's plans with real
// data in child processes and check them bit-exact against the reference.
#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::test {

inline Network network_config(const std::string& relative) { return load_network(source_path(relative)); }

// A memheft bound below HEFT's peak: the largest of a few fractions of it that
// memheft meets (its feasibility is not monotone in the capacity).
inline Bytes memheft_capacity_below_heft(const CnnGraph& cnn) {
  const Bytes heft_peak = plan_policy(cnn, Policy::Heft).profile.peak_bytes;
  for (int eighths : {6, 7, 5, 4}) {
    const Bytes capacity = heft_peak * eighths / 8;
    if (try_schedule_memheft(cnn.graph, cnn.buffers, capacity)) return capacity;
  }
  const Bytes smallest = memheft_smallest_capacity(cnn.graph, cnn.buffers);
  EXPECT_LT(smallest, heft_peak) << "memheft cannot go below HEFT's peak on this graph";
  return smallest;
}

// The three policies (memheft below HEFT's peak) of one network.
inline std::vector<PolicyPlan> three_plans(const CnnGraph& cnn) {
  std::vector<PolicyPlan> plans;
  plans.push_back(plan_policy(cnn, Policy::LayerByLayer));
  plans.push_back(plan_policy(cnn, Policy::Heft));
  plans.push_back(plan_policy(cnn, Policy::MemHeft, memheft_capacity_below_heft(cnn)));
  return plans;
}

inline SimResult simulate_functional(const Network& net, const CnnGraph& cnn, const PolicyPlan& plan,
                                     const Platform& platform, bool all_layers = true) {
  SimOptions o;
  o.functional = true;
  o.check_all_layers = all_layers;
  o.network = &net;
  return simulate_isolated(cnn, plan, platform, o);
}

// Functional runs agree with the reference bit for bit and keep the plan's timing.
inline void expect_bit_exact(const Network& net, const Platform& platform, const std::string& what) {
  SCOPED_TRACE(what);
  const CnnGraph cnn = build_cnn_graph(net, platform);
  for (const PolicyPlan& plan : three_plans(cnn)) {
    SCOPED_TRACE(policy_name(plan.policy));
    const SimResult r = simulate_functional(net, cnn, plan, platform);
    ASSERT_TRUE(r.functional_checked);
    EXPECT_TRUE(r.functional_ok) << r.functional_mismatches;
    EXPECT_EQ(r.functional_mismatches, "");
    // Every tile as written (check_all_layers) plus the read-back network outputs.
    std::uint64_t outputs = 0;
    for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t)
      outputs += cnn.buffers.buffer(cnn.output_buffer[static_cast<std::size_t>(t)]).until_end ? 1 : 0;
    EXPECT_EQ(r.functional_tiles, static_cast<std::uint64_t>(cnn.graph.num_tasks()) + outputs);
    if (!platform.contention) {
      EXPECT_EQ(r.tasks_mismatched, 0u);
      EXPECT_EQ(r.makespan, plan.schedule.makespan());
    }
  }
}

// The same with off-chip DRAM and a scratchpad of a third of HEFT's on-chip
// peak, at least `tasks` times the largest task (room for the pass to place
// buffers without fragmentation): every policy reloads and stores, layer and
// heft also spill, and the outputs, read back from DRAM, still match bit for bit.
inline void expect_bit_exact_offchip(const Network& net, bool contention, const std::string& what,
                                     double tasks = 2.0) {
  SCOPED_TRACE(what);
  Platform platform = load_platform(source_path("configs/platforms/default_ddr4.json"));
  platform.contention = contention;
  const CnnGraph cnn = build_cnn_graph(net, platform);
  Bytes largest_task = 0;
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    Bytes need = 0;
    for (BufferId b : cnn.buffers.buffers_of(t)) need += cnn.buffers.buffer(b).bytes;
    largest_task = std::max(largest_task, need);
  }
  platform.scratchpad_bytes = std::max(static_cast<Bytes>(tasks * static_cast<double>(largest_task)),
                                       plan_policy(cnn, Policy::Heft).profile.peak_bytes / 3);
  for (Policy policy : {Policy::LayerByLayer, Policy::Heft, Policy::MemHeft}) {
    SCOPED_TRACE(policy_name(policy));
    const PolicyPlan plan = plan_policy(cnn, policy, platform);
    const SimResult r = simulate_functional(net, cnn, plan, platform);
    EXPECT_FALSE(plan.offchip->address.empty()) << "the pass could not place the buffers";
    ASSERT_TRUE(r.functional_checked);
    EXPECT_TRUE(r.functional_ok) << r.functional_mismatches;
    // memheft plans with off-chip residency and waits rather than spill, so
    // it may spill nothing; its dropped data still leaves and comes back.
    if (policy != Policy::MemHeft) {
      EXPECT_GT(r.dram.traffic.spill, 0);
    }
    EXPECT_GT(r.dram.traffic.reload + r.dram.traffic.weight_reload, 0);
    EXPECT_LE(r.peak, platform.scratchpad_bytes);
    std::uint64_t outputs = 0;
    for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t)
      outputs += cnn.buffers.buffer(cnn.output_buffer[static_cast<std::size_t>(t)]).until_end ? 1 : 0;
    EXPECT_EQ(r.functional_tiles, static_cast<std::uint64_t>(cnn.graph.num_tasks()) + outputs);
    if (!contention) {
      EXPECT_EQ(r.tasks_mismatched, 0u);
      EXPECT_EQ(r.makespan, plan.run_schedule().makespan());
      // Real data moves no extra timed transaction: the modules count the plan's actions.
      EXPECT_TRUE(r.actions == r.planned_actions) << "simulated and estimated action counts differ";
    }
  }
}

}  // namespace cnnsched::test
