#include <sstream>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/option_error_text.hpp>
#include <cnnsched/sim/cli/ini_config.hpp>

namespace cnnsched {

std::set<std::string> store_ini_options(const std::string& text, const std::string& source,
                                        const boost::program_options::options_description& options,
                                        boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  std::istringstream in(text);
  std::set<std::string> keys;
  try {
    const po::parsed_options parsed = po::parse_config_file(in, options);
    for (const po::option& option : parsed.options) {
      if (option.string_key == "config" || option.string_key == "help")
        throw InputError(source, "", "key '" + option.string_key + "' is not allowed in an INI file");
      keys.insert(option.string_key);
    }
    po::store(parsed, vm);
  } catch (const po::error& e) {
    throw InputError(source, "", option_error_text(e) + " (the keys are the long options of --help)");
  }
  return keys;
}

}  // namespace cnnsched
