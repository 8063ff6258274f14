#pragma once
// Independent check of any schedule against its graph and the memory model, and
// the figures a report prints. Every scheduler's output goes through it in tests.
#include <string>
#include <vector>

#include <cnnsched/sched/graph/task_graph.hpp>
#include <cnnsched/sched/memory/buffer_plan.hpp>
#include <cnnsched/sched/schedule.hpp>

namespace cnnsched {

struct ValidationReport {
  bool ok = true;
  std::vector<std::string> violations;  // the first few, human-readable
  std::size_t num_violations = 0;       // all of them
  Time makespan = 0;
  Bytes peak_bytes = 0;
  double mean_bytes = 0;
  std::vector<double> utilisation;  // per processor: busy time / makespan
  double mean_utilisation = 0;
  // max(critical path with the fastest costs and no communication, total fastest work / P).
  Time lower_bound = 0;
};

// Checks: every task placed exactly once on a known processor with
// finish - start == its cost there (and start >= 0); Schedule::order, when
// present, a permutation of the tasks; precedence (start >= predecessor finish +
// comm when on another processor); no overlap on a processor; the memory
// profile's peak within `capacity` (0 = no bound). Memory figures are computed
// only when every task is placed.
ValidationReport validate(const TaskGraph& graph, const BufferPlan& buffers, const Schedule& schedule,
                          Bytes capacity);

// The lower bound alone (see ValidationReport::lower_bound).
Time makespan_lower_bound(const TaskGraph& graph);

}  // namespace cnnsched
