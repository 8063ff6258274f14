#pragma once
// Error classes that map to exit codes: bad user input (2), a memory bound no
// schedule can meet (3). Anything else is an internal failure (1).
#include <stdexcept>
#include <string>

#include <cnnsched/sched/types.hpp>

namespace cnnsched {

enum ExitCode { kExitOk = 0, kExitInternal = 1, kExitInput = 2, kExitInfeasible = 3 };

// Bad input: names the source (file or option), the field and what is allowed.
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& source, const std::string& field, const std::string& problem)
      : std::runtime_error(source + ": " + (field.empty() ? "" : "field '" + field + "': ") + problem),
        source_(source),
        field_(field) {}
  const std::string& source() const { return source_; }
  const std::string& field() const { return field_; }

 private:
  std::string source_;
  std::string field_;
};

// The memory bound is below what the scheduler can meet.
class InfeasibleCapacity : public std::runtime_error {
 public:
  InfeasibleCapacity(const std::string& task, Bytes needed, Bytes capacity, Bytes smallest_feasible)
      : std::runtime_error("memory capacity " + std::to_string(capacity) + " bytes is infeasible: task '" +
                           task + "' needs " + std::to_string(needed) +
                           " bytes that never become free; the smallest capacity that works is " +
                           std::to_string(smallest_feasible) + " bytes"),
        task_(task),
        needed_(needed),
        capacity_(capacity),
        smallest_(smallest_feasible) {}
  const std::string& task() const { return task_; }
  Bytes needed() const { return needed_; }
  Bytes capacity() const { return capacity_; }
  Bytes smallest_feasible() const { return smallest_; }

 private:
  std::string task_;
  Bytes needed_;
  Bytes capacity_;
  Bytes smallest_;
};

}  // namespace cnnsched
