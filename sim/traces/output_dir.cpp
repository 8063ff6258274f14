#include <filesystem>

#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

std::string output_path(const std::string& dir, const std::string& stem, const std::string& suffix) {
  std::filesystem::create_directories(dir);
  return (std::filesystem::path(dir) / (stem + suffix)).string();
}

}  // namespace cnnsched
