#include <string>
#include <vector>

#include <cnnsched/sched/command_line.hpp>
#include <cnnsched/sched/errors.hpp>

namespace cnnsched {

void refuse_positional(const boost::program_options::parsed_options& parsed) {
  namespace po = boost::program_options;
  const std::vector<std::string> stray = po::collect_unrecognized(parsed.options, po::include_positional);
  if (!stray.empty())
    throw InputError("command line", "",
                     "unexpected argument '" + stray.front() +
                         "'; allowed: only --options (each value follows its option)");
}

}  // namespace cnnsched
