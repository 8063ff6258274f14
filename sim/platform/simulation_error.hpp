#pragma once
// A simulation that could not complete: the plan stalled in the simulator, or
// the child process running it failed or crashed. An internal error (exit 1).
#include <stdexcept>
#include <string>

namespace cnnsched {

class SimulationError : public std::runtime_error {
 public:
  explicit SimulationError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace cnnsched
