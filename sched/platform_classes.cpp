#include <utility>

#include <cnnsched/sched/platform.hpp>

namespace cnnsched {

std::vector<int> Platform::pe_classes() const {
  std::vector<std::pair<std::int64_t, Time>> seen;
  std::vector<int> cls;
  for (const PeSpec& pe : pes) {
    const auto key = std::make_pair(pe.macs_per_cycle, pe.cycle_ps);
    std::size_t c = 0;
    while (c < seen.size() && seen[c] != key) ++c;
    if (c == seen.size()) seen.push_back(key);
    cls.push_back(static_cast<int>(c));
  }
  return cls;
}

std::vector<std::string> Platform::pe_names() const {
  std::vector<std::string> names;
  for (const PeSpec& pe : pes) names.push_back(pe.name);
  return names;
}

}  // namespace cnnsched
