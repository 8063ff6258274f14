#pragma once
// CSV quoting (RFC 4180): task and buffer names such as "C1[r0,c0,k0]" hold commas.
#include <string>

namespace cnnsched {

inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace cnnsched
