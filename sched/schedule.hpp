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
  // When > 0, the tighter bound the start times were worked out under: memory-
  // aware HEFT may adopt its run at a smaller capacity, whose tasks wait for
  // memory as that bound requires. A dispatcher that starts tasks as soon as
  // they can start reproduces the plan only by enforcing this bound.
  Bytes dispatch_capacity = 0;

  Time makespan() const {
    Time m = 0;
    for (const Slot& s : slots) m = s.finish > m ? s.finish : m;
    return m;
  }
};

}  // namespace cnnsched
