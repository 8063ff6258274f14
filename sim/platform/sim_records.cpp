#include <stdexcept>

#include <cnnsched/sim/platform/sim_records.hpp>

namespace cnnsched {

namespace {
constexpr StartLimit kAllLimits[] = {StartLimit::kNone,      StartLimit::kPe,          StartLimit::kData,
                                     StartLimit::kBarrier,   StartLimit::kCommitOrder, StartLimit::kCapacity,
                                     StartLimit::kAllocator, StartLimit::kPlanned};
}

const char* start_limit_name(StartLimit limit) {
  switch (limit) {
    case StartLimit::kNone:
      return "none";
    case StartLimit::kPe:
      return "pe";
    case StartLimit::kData:
      return "data";
    case StartLimit::kBarrier:
      return "barrier";
    case StartLimit::kCommitOrder:
      return "commit-order";
    case StartLimit::kCapacity:
      return "capacity";
    case StartLimit::kAllocator:
      return "allocator";
    case StartLimit::kPlanned:
      return "planned";
  }
  return "?";
}

StartLimit parse_start_limit(const std::string& name) {
  for (StartLimit l : kAllLimits)
    if (name == start_limit_name(l)) return l;
  throw std::invalid_argument("unknown start limit '" + name + "'");
}

}  // namespace cnnsched
