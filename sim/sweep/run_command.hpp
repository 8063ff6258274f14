#pragma once
// `cnnsched run --point P.json [--out R.json] [--record-failure true]`: one point,
// one result file (sim/sweep/point_result.hpp), written whole or not at all.
#include <functional>
#include <string>

namespace cnnsched {

// Returns the exit code. With `record_failure` a point that fails (bad input,
// does not fit, internal error) still writes its result, holding the error
// message and the exit code it would have had, and the command exits 0: the
// failure is the point's outcome, so a resumed sweep does not run it again.
// Without `out_path` the result goes to stdout.
int run_point_command(const std::string& tool, const std::string& point_path, const std::string& out_path,
                      bool record_failure);

// Runs `body` with the shared exit-code mapping (sched/error_exit.hpp) and
// returns its exit code, keeping the one-line message it prints without the
// "tool: " prefix (the message is also passed on to stderr).
int capture_errors(const std::string& tool, const std::function<int()>& body, std::string& message);

}  // namespace cnnsched
