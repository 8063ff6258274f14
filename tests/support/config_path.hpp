// Paths of the repository's configs for tests (CNNSCHED_SOURCE_DIR is set per suite).
#pragma once
#include <string>

namespace cnnsched::test {

// `path` relative to configs/, e.g. "platforms/default.json".
inline std::string config(const std::string& path) {
  return std::string(CNNSCHED_SOURCE_DIR) + "/configs/" + path;
}

}  // namespace cnnsched::test
