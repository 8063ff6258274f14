#pragma once
// Parsing a JSON config's text strictly, so what nlohmann::json would accept
// silently or report as a library error becomes an InputError naming the file
// and the field: a syntax error, a number beyond double range (1e400), a key
// given twice in one object (nlohmann keeps the last one without a word).
#include <nlohmann/json.hpp>
#include <string>

namespace cnnsched {

nlohmann::json parse_json_document(const std::string& text, const std::string& source);

// A string as a JSON literal, quotes and escapes included (for hand-written JSON output).
inline std::string json_quoted(const std::string& s) { return nlohmann::json(s).dump(); }

}  // namespace cnnsched
