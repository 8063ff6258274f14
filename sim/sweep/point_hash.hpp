#pragma once
// A stable name for a point's result: 64-bit FNV-1a over the point's canonical
// JSON text (keys sorted, no spaces), as 16 hex digits. The same point gives the
// same hash on every machine and run; any change of a value gives another one.
// The hash covers the point as written (paths, not the files' contents).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace cnnsched {

std::uint64_t fnv1a64(const std::string& text);
std::string point_hash(const nlohmann::json& point);

}  // namespace cnnsched
