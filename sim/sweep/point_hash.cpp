#include <cstdio>

#include <cnnsched/sim/sweep/point_hash.hpp>

namespace cnnsched {

std::uint64_t fnv1a64(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string point_hash(const nlohmann::json& point) {
  // nlohmann::json keeps object keys sorted, so dump() is canonical.
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(point.dump())));
  return hex;
}

}  // namespace cnnsched
