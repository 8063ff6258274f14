#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/synthetic_dag.hpp>
#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/io/schedule_io.hpp>
#include <cnnsched/sched/memory/memory_profile.hpp>
#include <cnnsched/sched/policies/heft.hpp>

namespace cnnsched::dag_io_json_test {
namespace {

const char* kGood = R"({
  "processors": ["A", "B"],
  "tasks": [ {"id": "t1", "cost": [3, 4], "output_bytes": 10, "layer": 0},
             {"id": "t2", "cost": [5, 5], "layer": 1},
             {"id": "t3", "cost": 2, "output_bytes": 7} ],
  "edges": [ {"from": "t1", "to": "t2", "cost": 6}, {"from": "t1", "to": "t3"} ],
  "memory_capacity": 100 })";

// The field an InputError names for a document that differs from kGood by one edit.
std::string field_of(const std::string& from, const std::string& to) {
  std::string text = kGood;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    parse_dag_json(nlohmann::json::parse(text), "my.json");
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "my.json");
    EXPECT_NE(std::string(e.what()).find(e.field()), std::string::npos);
    return e.field();
  }
  return "<accepted>";
}

TEST(DagJson, ReadsTheFormat) {
  const DagFile d = parse_dag_json(nlohmann::json::parse(kGood), "my.json");
  EXPECT_EQ(d.graph.num_processors(), 2);
  EXPECT_EQ(d.graph.num_tasks(), 3);
  EXPECT_EQ(d.graph.num_edges(), 2);
  EXPECT_EQ(d.graph.cost(0, 1), 4);
  EXPECT_EQ(d.graph.cost(2, 1), 2);  // one integer: the same on every processor
  EXPECT_EQ(d.graph.layer(0), 0);
  EXPECT_EQ(d.graph.layer(2), -1);
  EXPECT_EQ(d.graph.edge(0).comm_cost, 6);
  EXPECT_EQ(d.memory_capacity, 100);
  // Buffers from output_bytes: t1's (used by t1, t2, t3) and t3's (a sink: until_end).
  ASSERT_EQ(d.buffers.num_buffers(), 2);
  EXPECT_EQ(d.buffers.num_users(0), 3);
  EXPECT_TRUE(d.buffers.buffer(1).until_end);
}

TEST(DagJson, EveryErrorNamesItsField) {
  EXPECT_EQ(field_of(R"("cost": [3, 4])", R"("cost": [3])"), "tasks[0].cost");
  EXPECT_EQ(field_of(R"("cost": [3, 4])", R"("cost": "3")"), "tasks[0].cost");
  EXPECT_EQ(field_of(R"("cost": [3, 4])", R"("cost": [3, -4])"), "tasks[0].cost[1]");
  EXPECT_EQ(field_of(R"("output_bytes": 10)", R"("output_bytes": -1)"), "tasks[0].output_bytes");
  EXPECT_EQ(field_of(R"({"id": "t2", )", R"({)"), "tasks[1].id");
  EXPECT_EQ(field_of(R"("id": "t3")", R"("id": "t1")"), "tasks[2].id");
  EXPECT_EQ(field_of(R"("to": "t3")", R"("to": "t9")"), "edges[1].to");
  EXPECT_EQ(field_of(R"("to": "t3")", R"("to": "t1")"), "edges");  // self-loop: a cycle
  EXPECT_EQ(field_of(R"("layer": 1)", R"("layer": 1.5)"), "tasks[1].layer");
  EXPECT_EQ(field_of(R"("memory_capacity": 100)", R"("memory_capacity": "big")"), "memory_capacity");
  EXPECT_EQ(field_of(R"("processors": ["A", "B"])", R"("processors": [])"), "processors");
  EXPECT_EQ(field_of(R"("processors": ["A", "B"])", R"("procesors": ["A", "B"])"), "procesors");
  EXPECT_EQ(field_of(R"([ {"from": "t1", "to": "t2", "cost": 6}, {"from": "t1", "to": "t3"} ])", "{}"),
            "edges");
  EXPECT_EQ(field_of(R"("memory_capacity": 100)", R"("buffers": [{"id": "b", "bytes": 1, "users": ["t9"]}])"),
            "tasks[0].output_bytes");  // output_bytes and buffers exclude each other
}

TEST(DagJson, DetectsCyclesAndNamesATask) {
  const std::string text =
      R"({"processors": ["P"], "tasks": [{"id": "a", "cost": [1]}, {"id": "b", "cost": [1]}],
    "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]})";
  try {
    parse_dag_json(nlohmann::json::parse(text), "c.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "edges");
    EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos) << e.what();
  }
}

TEST(DagJson, UnreadableOrInvalidFiles) {
  EXPECT_THROW(load_dag_json("/nonexistent/dag.json"), InputError);
  const std::string path = ::testing::TempDir() + "/not_json.json";
  std::ofstream(path) << "{ processors: ";
  try {
    load_dag_json(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), path);
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
}

TEST(DagJson, ExplicitBuffersRoundTripExactly) {
  SyntheticDagSpec spec;
  spec.layers = 4;
  spec.width = 5;
  spec.heterogeneous = true;
  spec.max_comm = 30;
  spec.residual_every = 2;
  const SyntheticDag d = make_synthetic_dag(spec);
  std::stringstream text;
  write_dag_json(text, d.graph, d.buffers, 12345);
  const DagFile back = parse_dag_json(nlohmann::json::parse(text.str()), "round.json");
  ASSERT_EQ(back.graph.num_tasks(), d.graph.num_tasks());
  ASSERT_EQ(back.graph.num_edges(), d.graph.num_edges());
  ASSERT_EQ(back.buffers.num_buffers(), d.buffers.num_buffers());
  EXPECT_EQ(back.memory_capacity, 12345);
  for (TaskId t = 0; t < d.graph.num_tasks(); ++t) {
    EXPECT_EQ(back.graph.name(t), d.graph.name(t));
    EXPECT_EQ(back.graph.layer(t), d.graph.layer(t));
    for (int p = 0; p < d.graph.num_processors(); ++p) EXPECT_EQ(back.graph.cost(t, p), d.graph.cost(t, p));
    const auto a = d.buffers.buffers_of(t), b = back.buffers.buffers_of(t);
    EXPECT_EQ(std::vector<BufferId>(a.begin(), a.end()), std::vector<BufferId>(b.begin(), b.end()));
  }
  for (BufferId b = 0; b < d.buffers.num_buffers(); ++b) {
    EXPECT_EQ(back.buffers.buffer(b).bytes, d.buffers.buffer(b).bytes);
    EXPECT_EQ(back.buffers.buffer(b).until_end, d.buffers.buffer(b).until_end);
  }
  const Schedule s = schedule_heft(d.graph), s2 = schedule_heft(back.graph);
  EXPECT_EQ(s2.makespan(), s.makespan());
  EXPECT_EQ(memory_profile(back.graph, back.buffers, s2).peak_bytes,
            memory_profile(d.graph, d.buffers, s).peak_bytes);
}

TEST(DagJson, IdenticalProcessorsShareACostClass) {
  const std::string text = R"({"processors": ["A", "B", "C"],
    "tasks": [{"id": "a", "cost": [1, 2, 1]}, {"id": "b", "cost": [3, 4, 3]}]})";
  const DagFile d = parse_dag_json(nlohmann::json::parse(text), "x.json");
  EXPECT_EQ(d.graph.num_classes(), 2);
  EXPECT_EQ(d.graph.cost(1, 2), 3);
  EXPECT_EQ(d.graph.cost(1, 1), 4);
}

TEST(DagJson, TopcuogluConfigSchedulesTo80) {
  const DagFile d = load_dag_json(CNNSCHED_SOURCE_DIR "/configs/dags/topcuoglu2002.json");
  EXPECT_EQ(d.graph.num_tasks(), 10);
  EXPECT_EQ(d.graph.num_edges(), 15);
  EXPECT_EQ(schedule_heft(d.graph).makespan(), 80);
}

TEST(ScheduleJson, RoundTrips) {
  const DagFile d = load_dag_json(CNNSCHED_SOURCE_DIR "/configs/dags/topcuoglu2002.json");
  const Schedule s = schedule_heft(d.graph);
  std::stringstream text;
  write_schedule_json(text, d.graph, s, 77);
  const nlohmann::json doc = nlohmann::json::parse(text.str());
  EXPECT_EQ(doc["makespan"], 80);
  EXPECT_EQ(doc["peak_memory_bytes"], 77);
  EXPECT_EQ(doc["tasks"][0]["processor"], "P3");
  const Schedule back = parse_schedule_json(doc, "s.json", d.graph);
  EXPECT_EQ(back.policy, "heft");
  EXPECT_EQ(back.order, s.order);
  for (TaskId t = 0; t < d.graph.num_tasks(); ++t) {
    EXPECT_EQ(back.slots[t].proc, s.slots[t].proc);
    EXPECT_EQ(back.slots[t].start, s.slots[t].start);
    EXPECT_EQ(back.slots[t].finish, s.slots[t].finish);
  }
  nlohmann::json missing = doc;
  missing["tasks"].erase(3);
  EXPECT_THROW(parse_schedule_json(missing, "s.json", d.graph), InputError);
}

}  // namespace
}  // namespace cnnsched::dag_io_json_test
