#pragma once
// Command-line parsing shared by the testbench executables.
#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include <cnnsched/sched/command_line.hpp>  // refuse_positional

namespace cnnsched {

// Parses argv into vm and runs the notifiers; with --help prints `usage` and
// the options instead and returns false (the caller then exits 0); likewise
// with --version, which prints the version.
bool parse_command_line(const std::vector<std::string>& args,
                        const boost::program_options::options_description& options,
                        boost::program_options::variables_map& vm, const std::string& usage);
// The same for main's arguments (argv[0] is the program, not an option).
bool parse_command_line(int argc, char** argv, const boost::program_options::options_description& options,
                        boost::program_options::variables_map& vm, const std::string& usage);

}  // namespace cnnsched
