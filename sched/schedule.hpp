#pragma once
// A schedule: where and when every task runs.
#include <string>
#include <vector>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

struct Slot {
  int proc = -1;
  Time start = 0;
  Time finish = 0;
};

struct Schedule {
  std::string policy;
  std::vector<Slot> slots;  // indexed by TaskId
  // The order in which the scheduler committed tasks (a tie-break for equal
  // start times that the simulator follows when it dispatches).
  std::vector<TaskId> order;
  Bytes capacity = 0;  // memory bound the scheduler honoured, 0 = none

  Time makespan() const {
    Time m = 0;
    for (const Slot& s : slots) m = s.finish > m ? s.finish : m;
    return m;
  }
};

}  // namespace cnnsched
