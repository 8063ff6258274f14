#pragma once
// Graphs shared by the scheduler tests.
#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>

namespace cnnsched::test {

// The 10-task, 3-processor example of Topcuoglu, Hariri, Wu (IEEE TPDS 2002,
// Fig. 2): tasks n1..n10 are ids 0..9.
inline TaskGraph topcuoglu_graph() {
  auto g = TaskGraph::with_distinct_processors({"P1", "P2", "P3"});
  const Time w[10][3] = {{14, 16, 9}, {13, 19, 18}, {11, 13, 19}, {13, 8, 17},  {12, 13, 10},
                         {13, 16, 9}, {7, 15, 11},  {5, 11, 14},  {18, 12, 20}, {21, 7, 16}};
  const int layer[10] = {0, 1, 1, 1, 1, 1, 2, 2, 2, 3};
  for (int i = 0; i < 10; ++i) g.add_task("n" + std::to_string(i + 1), layer[i], {w[i][0], w[i][1], w[i][2]});
  const int e[15][3] = {{1, 2, 18}, {1, 3, 12}, {1, 4, 9},   {1, 5, 11},  {1, 6, 14},
                        {2, 8, 19}, {2, 9, 16}, {3, 7, 23},  {4, 8, 27},  {4, 9, 23},
                        {5, 9, 13}, {6, 8, 15}, {7, 10, 17}, {8, 10, 11}, {9, 10, 13}};
  for (const auto& x : e) g.add_edge(x[0] - 1, x[1] - 1, x[2]);
  g.finalize();
  return g;
}

}  // namespace cnnsched::test
