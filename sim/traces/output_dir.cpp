#include <filesystem>

#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

std::string safe_file_stem(const std::string& name) {
  std::string stem = name.substr(0, kMaxFileStem);
  for (std::size_t i = 0; i < stem.size(); ++i) {
    const char c = stem[i];
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || (c == '.' && i > 0);
    if (!plain) stem[i] = '_';
  }
  return stem.empty() ? "unnamed" : stem;
}

std::string output_path(const std::string& dir, const std::string& stem, const std::string& suffix) {
  std::filesystem::create_directories(dir);
  return (std::filesystem::path(dir) / (safe_file_stem(stem) + suffix)).string();
}

}  // namespace cnnsched
