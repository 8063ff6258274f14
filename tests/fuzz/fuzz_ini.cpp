// libFuzzer: arbitrary bytes as an INI file for options of every kind
// lenet_experiment has (text, integer, number, boolean, composing list).
// Expected outcomes are stored options or an InputError naming the file; a
// crash, a sanitizer report or a raw boost::program_options error is a bug.
#include <boost/program_options.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/cli/ini_config.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace po = boost::program_options;
  std::string text;
  int count = 8;
  double pct = 10;
  bool flag = true;
  std::vector<std::string> list;
  po::options_description opts("fuzz");
  opts.add_options()("help,h", "help")("config", po::value<std::string>(), "config")(
      "network", po::value(&text), "a path")("sweep-points", po::value(&count)->default_value(8), "an int")(
      "max-cost-pct", po::value(&pct)->default_value(10.0), "a number")(
      "traces", po::value(&flag)->default_value(true), "a boolean")("slices", po::value(&list)->composing(),
                                                                    "a list");
  po::variables_map vm;
  try {
    cnnsched::store_ini_options(std::string(reinterpret_cast<const char*>(data), size), "fuzz.ini", opts, vm);
    po::notify(vm);
  } catch (const cnnsched::InputError&) {
  }
  return 0;
}
