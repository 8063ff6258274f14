#pragma once
// One mapping from failures to messages and exit codes for every executable:
// bad options or input files -> 2, an infeasible memory bound -> 3, anything
// else is an internal failure -> 1. Each gets one line on stderr. The SystemC
// tools call it through run_reporting_errors (sim/cli/cli_errors.hpp), which
// also cleans up partial outputs.
#include <functional>

namespace cnnsched {

int report_errors(const char* tool, const std::function<int()>& body);

}  // namespace cnnsched
