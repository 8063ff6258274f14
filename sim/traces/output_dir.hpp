#pragma once
// Where runs write their traces and reports.
#include <cstddef>
#include <string>

namespace cnnsched {

// Longest stem a file name is built from: stem + suffix + ".tmp.<pid>" must
// stay within the 255 bytes a file name may have.
inline constexpr std::size_t kMaxFileStem = 160;

// A file name stem made from user data (a network's or ONNX graph's name):
// every character but letters, digits, '-', '_' and '.' becomes '_', a leading
// '.' too (no "..", no hidden files), cut to kMaxFileStem; "" becomes "unnamed".
// So no name can make a file outside the output folder.
std::string safe_file_stem(const std::string& name);

// Creates dir (and parents) if needed and returns dir + "/" + safe_file_stem(stem) + suffix.
std::string output_path(const std::string& dir, const std::string& stem, const std::string& suffix);

}  // namespace cnnsched
