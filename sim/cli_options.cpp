#include "sim/cli_options.hpp"

#include <iostream>

namespace cnnsched {

bool parse_command_line(int argc, char** argv, const boost::program_options::options_description& options,
                        boost::program_options::variables_map& vm, const char* usage) {
  boost::program_options::store(boost::program_options::parse_command_line(argc, argv, options), vm);
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << options << '\n';
    return false;
  }
  boost::program_options::notify(vm);
  return true;
}

}  // namespace cnnsched
