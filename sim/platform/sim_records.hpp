#pragma once
// What a simulation observed, in the scheduling core's units (ps, bytes), so the
// trace writers, the report and the result serialisation share one vocabulary.
#include <cstdint>
#include <string>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

// Which start condition a task waited for last (why it started when it did).
enum class StartLimit {
  kNone,         // nothing: it started at time 0
  kPe,           // its PE finished the previous task
  kData,         // its last predecessor completed
  kBarrier,      // the layer barrier of the baseline opened
  kCommitOrder,  // an earlier task in the plan's commit order had to start first
  kCapacity,     // the memory bound: waited for frees
  kAllocator,    // the scratchpad allocator found no hole (fragmentation)
  kPlanned,      // its planned start (off-chip plans time their prefetches)
};
const char* start_limit_name(StartLimit limit);
StartLimit parse_start_limit(const std::string& name);  // throws std::invalid_argument

struct TaskRun {
  TaskId task = -1;
  int pe = -1;
  Time start = -1;
  Time finish = -1;
  StartLimit limit = StartLimit::kNone;
};

// One allocation or release in the simulated scratchpad.
struct SimMemoryEvent {
  Time time = 0;
  Bytes in_use = 0;   // bytes allocated after the event
  bool alloc = true;  // false: a release, or a move when `move`
  TaskId task = -1;   // the task that caused it; -1 for the releases at the makespan
  BufferId buffer = -1;
  std::uint64_t address = 0;  // global address (router map)
  Bytes bytes = 0;
  bool move = false;               // a compaction moved the buffer from from_address to address
  std::uint64_t from_address = 0;  // moves only: where the buffer was
};

}  // namespace cnnsched
