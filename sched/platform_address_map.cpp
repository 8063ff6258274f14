// The platform's global address map: which ranges the router decodes.
#include <sstream>
#include <vector>

#include <cnnsched/sched/platform.hpp>

namespace cnnsched {

namespace {

struct AddressRange {
  const char* name;
  std::uint64_t base;
  std::uint64_t bytes;
  bool overlaps(const AddressRange& o) const { return base < o.base + o.bytes && o.base < base + bytes; }
};

std::string describe(const AddressRange& r) {
  std::ostringstream s;
  s << "the " << r.name << " [0x" << std::hex << r.base << ", 0x" << r.base + r.bytes << ")";
  return s.str();
}

}  // namespace

std::string Platform::address_overlap() const {
  std::vector<AddressRange> ranges{
      {"scratchpad", scratchpad_base, static_cast<std::uint64_t>(scratchpad_bytes)},
      {"registers", register_base, kRegisterWindowBytes}};
  if (has_dram) ranges.push_back({"dram", dram.base, static_cast<std::uint64_t>(dram.bytes)});
  for (std::size_t i = 0; i < ranges.size(); ++i)
    for (std::size_t j = i + 1; j < ranges.size(); ++j)
      if (ranges[i].overlaps(ranges[j])) return describe(ranges[i]) + " overlaps " + describe(ranges[j]);
  return "";
}

}  // namespace cnnsched
