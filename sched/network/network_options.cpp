#include <sstream>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/auto_slicing.hpp>
#include <cnnsched/sched/network/network_options.hpp>
#include <cnnsched/sched/network/onnx_import.hpp>

namespace cnnsched {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "C1=4,4,1" -> ("C1", {4, 4, 1}).
std::pair<std::string, Slices> parse_override(const std::string& spec, const std::string& option) {
  const auto bad = [&] {
    return InputError(option, "",
                      "'" + spec + "' is not LAYER=ROWS,COLS,CHANNELS with three positive integers");
  };
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) throw bad();
  std::stringstream in(spec.substr(eq + 1));
  int v[3];
  char comma1 = 0, comma2 = 0;
  if (!(in >> v[0] >> comma1 >> v[1] >> comma2 >> v[2]) || comma1 != ',' || comma2 != ',' || !in.eof())
    throw bad();
  if (v[0] < 1 || v[1] < 1 || v[2] < 1) throw bad();
  return {spec.substr(0, eq), Slices{v[0], v[1], v[2]}};
}

}  // namespace

Network load_network_file(const std::string& path) {
  return ends_with(path, ".onnx") ? import_onnx(path) : load_network(path);
}

void apply_slicing_options(Network& network, const std::string& auto_slicing,
                           const std::vector<std::string>& overrides, const std::string& option) {
  if (!auto_slicing.empty()) apply_auto_slicing(network, parse_auto_slicing(auto_slicing, "--auto-slicing"));
  for (const std::string& spec : overrides) {
    const auto [layer, slices] = parse_override(spec, option);
    network.set_slices(layer, slices, option);
  }
}

}  // namespace cnnsched
