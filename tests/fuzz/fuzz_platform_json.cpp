// libFuzzer: arbitrary bytes as a platform file, through the same strict JSON
// reader the tools use (duplicate keys, numbers beyond double range). Expected
// outcomes are a platform whose PEs all have a name and a class, or an
// InputError; a crash, a sanitizer report or any other exception is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/json_document.hpp>
#include <cnnsched/sched/platform.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cnnsched;
  try {
    const nlohmann::json doc =
        parse_json_document(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    const Platform p = parse_platform(doc, "fuzz.json");
    if (p.pes.empty() || p.pe_names().size() != p.pes.size() || p.pe_classes().size() != p.pes.size())
      __builtin_trap();
  } catch (const InputError&) {
  }
  return 0;
}
