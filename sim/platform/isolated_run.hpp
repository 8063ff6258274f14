#pragma once
// Runs a piece of work in a forked child process and returns its JSON result.
//
// SystemC elaborates only once per process, yet an experiment simulates dozens
// of plans: each simulation runs in a child that elaborates, simulates, writes
// its result into a pipe and _exits. The parent must not have elaborated any
// SystemC module itself (the child inherits the parent's simulation context).
//
// Errors come back as exceptions of the same kind: InputError,
// InfeasibleCapacity and std::logic_error are rebuilt, anything else thrown in
// the child becomes SimulationError with its message; a child that dies by a
// signal or exits without a result is a SimulationError naming the cause.
#include <functional>
#include <nlohmann/json.hpp>

namespace cnnsched {

nlohmann::json run_isolated(const std::function<nlohmann::json()>& work);

}  // namespace cnnsched
