#include <iostream>

#include <cnnsched/sched/version.hpp>
#include <cnnsched/sim/cli/cli_options.hpp>

namespace cnnsched {

bool parse_command_line(const std::vector<std::string>& args,
                        const boost::program_options::options_description& options,
                        boost::program_options::variables_map& vm, const std::string& usage) {
  if (print_version_if_asked(args)) return false;
  const auto parsed = boost::program_options::command_line_parser(args).options(options).run();
  refuse_positional(parsed);
  boost::program_options::store(parsed, vm);
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << options << '\n';
    return false;
  }
  boost::program_options::notify(vm);
  return true;
}

bool parse_command_line(int argc, char** argv, const boost::program_options::options_description& options,
                        boost::program_options::variables_map& vm, const std::string& usage) {
  return parse_command_line(std::vector<std::string>(argv + (argc > 0 ? 1 : 0), argv + argc), options, vm,
                            usage);
}

}  // namespace cnnsched
