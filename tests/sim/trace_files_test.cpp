// The Perfetto trace, the timeline CSV and the GTKWave layout describe the run.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/platform/simulation.hpp>

#include "sim_test_support.hpp"

namespace cnnsched::trace_files_test {
namespace {

TEST(TraceFiles, PerfettoTimelineAndGtkwDescribeTheRun) {
  const Platform platform = test::lenet_platform(true);
  const CnnGraph cnn = test::lenet_graph(platform);
  const PolicyPlan plan = plan_policy(cnn, Policy::MemHeft);
  SimOptions options;
  options.trace_dir = test::trace_dir("files");
  options.stem = "run";
  const SimResult r = simulate(cnn, plan, platform, options);

  // Perfetto: one named track per PE, every task once on its PE's track, a counter.
  const nlohmann::json trace = nlohmann::json::parse(test::read_text(r.files.perfetto));
  std::set<int> tracks;
  std::set<std::string> track_names;
  std::size_t slices = 0, counters = 0;
  for (const auto& e : trace.at("traceEvents")) {
    const std::string ph = e.at("ph");
    if (ph == "M" && e.at("name") == "thread_name") {
      tracks.insert(e.at("tid").get<int>());
      track_names.insert(e.at("args").at("name").get<std::string>());
    } else if (ph == "X") {
      ++slices;
      const TaskId t = cnn.graph.find(e.at("name").get<std::string>());
      ASSERT_GE(t, 0);
      EXPECT_EQ(e.at("tid").get<int>(), r.tasks[static_cast<std::size_t>(t)].pe + 1);
      EXPECT_DOUBLE_EQ(e.at("ts").get<double>(),
                       static_cast<double>(r.tasks[static_cast<std::size_t>(t)].start) / 1e6);
    } else if (ph == "C") {
      ++counters;
      EXPECT_LE(e.at("args").at("bytes").get<Bytes>(), r.peak);
    }
  }
  EXPECT_EQ(tracks.size(), platform.pes.size());
  EXPECT_EQ(track_names.size(), platform.pes.size());
  EXPECT_EQ(slices, static_cast<std::size_t>(cnn.graph.num_tasks()));
  EXPECT_GT(counters, 0u);

  // Timeline: one row per task, the simulated and planned times of the result.
  const auto rows = test::read_csv(r.files.timeline_csv);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(cnn.graph.num_tasks()));
  for (const auto& row : rows) {
    const TaskId t = cnn.graph.find(row.at("task"));
    ASSERT_GE(t, 0);
    const SimTaskTime& s = r.tasks[static_cast<std::size_t>(t)];
    EXPECT_EQ(std::stoll(row.at("actual_start_ps")), s.start);
    EXPECT_EQ(std::stoll(row.at("actual_finish_ps")), s.finish);
    EXPECT_EQ(std::stoll(row.at("planned_start_ps")), plan.schedule.slots[static_cast<std::size_t>(t)].start);
    EXPECT_EQ(row.at("layer"), row.at("task").substr(0, row.at("task").find('[')));
  }

  // GTKWave layout: points at the VCD and names only signals the VCD holds.
  const std::string gtkw = test::read_text(r.files.gtkw);
  EXPECT_NE(gtkw.find("[dumpfile] \""), std::string::npos);
  EXPECT_NE(gtkw.find(r.files.vcd.substr(r.files.vcd.rfind('/'))), std::string::npos);
  const test::VcdChanges vcd = test::read_vcd(r.files.vcd);
  std::istringstream lines(gtkw);
  std::string line;
  std::size_t signals = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("SystemC.", 0) != 0) continue;
    ++signals;
    EXPECT_EQ(vcd.count(line.substr(0, line.find('['))), 1u) << line;
  }
  EXPECT_EQ(signals, 2 + 2 * platform.pes.size());  // occupancy, bytes moved, busy + task per PE
}

}  // namespace
}  // namespace cnnsched::trace_files_test
