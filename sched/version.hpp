#pragma once
// The project's version, from CMake's project(VERSION), for every tool's --version.
#include <iostream>
#include <string>
#include <vector>

#ifndef CNNSCHED_VERSION_STRING
#define CNNSCHED_VERSION_STRING "unknown"
#endif

namespace cnnsched {

inline constexpr const char* kVersion = CNNSCHED_VERSION_STRING;

// With --version among the arguments prints "cnnsched VERSION" and returns true
// (the caller then exits 0), before any other option is looked at.
inline bool print_version_if_asked(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--version") {
      std::cout << "cnnsched " << kVersion << '\n';
      return true;
    }
  return false;
}

}  // namespace cnnsched
