// Test expectations on one task of a CNN graph: the bytes it receives from each
// producer (its in-edges, none twice) and the bytes it reads from each buffer.
#pragma once
#include <gtest/gtest.h>
#include <map>

#include <cnnsched/sched/graph/cnn_graph.hpp>

namespace cnnsched::test {

inline void expect_deps_and_reads(const CnnGraph& g, TaskId t, const std::map<TaskId, Bytes>& expected_deps,
                                  const std::map<BufferId, Bytes>& expected_reads) {
  std::map<TaskId, Bytes> deps;
  for (EdgeId e : g.graph.in_edges(t)) {
    EXPECT_EQ(deps.count(g.graph.edge(e).from), 0u) << "duplicate edge into " << g.graph.name(t);
    deps[g.graph.edge(e).from] += g.graph.edge(e).bytes;
  }
  EXPECT_EQ(deps, expected_deps) << g.graph.name(t);
  std::map<BufferId, Bytes> reads;
  for (const Access& a : g.work.reads(t)) reads[a.buffer] += a.bytes;
  EXPECT_EQ(reads, expected_reads) << g.graph.name(t);
}

}  // namespace cnnsched::test
