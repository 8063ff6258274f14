// libFuzzer: arbitrary bytes as a task graph file. When it parses, HEFT and
// (when the layers allow it) the layer-by-layer scheduler must give schedules
// that the validator accepts. InputError is the expected rejection, and
// std::invalid_argument from the layer scheduler's layer check; anything else
// (crash, sanitizer report, other exception, invalid schedule) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include <cnnsched/sched/check/validator.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/dag_io.hpp>
#include <cnnsched/sched/policies/heft.hpp>
#include <cnnsched/sched/policies/layer_scheduler.hpp>

namespace {

void check(const cnnsched::DagFile& dag, const cnnsched::Schedule& s) {
  const cnnsched::ValidationReport r = cnnsched::validate(dag.graph, dag.buffers, s, 0);
  if (!r.ok) {
    std::fprintf(stderr, "invalid %s schedule: %s\n", s.policy.c_str(), r.violations.front().c_str());
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cnnsched;
  const nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  try {
    const DagFile dag = parse_dag_json(doc, "fuzz.json");
    // HEFT is O(tasks^2 * processors); keep every input fast.
    if (dag.graph.num_tasks() > 512 || dag.graph.num_processors() > 16) return 0;
    check(dag, schedule_heft(dag.graph));
    Schedule layered;
    try {
      layered = schedule_layer_by_layer(dag.graph);
    } catch (const std::invalid_argument&) {
      return 0;  // a task without a layer, or layers that do not increase along an edge
    }
    check(dag, layered);
  } catch (const InputError&) {
  }
  return 0;
}
