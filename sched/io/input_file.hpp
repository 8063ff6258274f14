#pragma once
// Reading an input file whole, refusing what cannot be one: a missing or
// unreadable file, a folder, or more than a stated number of bytes (so an
// endless stream such as /dev/zero is refused at the limit, not read until
// memory runs out). Each refusal is an InputError naming the file.
#include <cstddef>
#include <string>

namespace cnnsched {

inline constexpr std::size_t kMaxJsonFileBytes = std::size_t{256} << 20;  // 256 MiB
inline constexpr std::size_t kMaxIniFileBytes = std::size_t{1} << 20;     // 1 MiB
inline constexpr std::size_t kMaxOnnxFileBytes = std::size_t{1} << 30;    // 1 GiB

// `what` names the kind of file in messages ("a JSON file", "an INI file").
std::string read_input_file(const std::string& path, std::size_t max_bytes, const std::string& what);

}  // namespace cnnsched
