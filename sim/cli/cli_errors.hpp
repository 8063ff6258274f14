#pragma once
// One mapping from failures to messages and exit codes for every executable:
// bad options or input files -> 2, an infeasible memory bound -> 3, anything
// else is an internal failure -> 1. Each gets one line on stderr. Linking this
// also turns off SystemC's start-up banner, so tools print only their own output.
#include <functional>
#include <string>

namespace cnnsched {

int run_reporting_errors(const char* tool, const std::function<int()>& body);

// Creates the output folder `dir` (and its parents) and checks that files can
// be written there, so a bad folder is reported as bad input naming `option`
// before any work is done rather than as a failure halfway through a run.
void prepare_output_dir(const std::string& dir, const std::string& option);

// Checks that `stem` can name files inside a folder: not empty, no '/', not
// "." or "..". Throws InputError(option, ...) otherwise.
void check_file_stem(const std::string& stem, const std::string& option);

}  // namespace cnnsched
