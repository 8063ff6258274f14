#pragma once
// One mapping from failures to messages and exit codes for every executable:
// bad options or input files -> 2, an infeasible memory bound -> 3, anything
// else is an internal failure -> 1. Each gets one line on stderr. Also turns
// off SystemC's start-up banner, so tools print only their own output.
#include <functional>

namespace cnnsched {

int run_reporting_errors(const char* tool, const std::function<int()>& body);

}  // namespace cnnsched
