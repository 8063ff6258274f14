#pragma once
// Where runs write their traces and reports.
#include <string>

namespace cnnsched {

// Creates dir (and parents) if needed and returns dir + "/" + stem + suffix.
std::string output_path(const std::string& dir, const std::string& stem, const std::string& suffix);

}  // namespace cnnsched
