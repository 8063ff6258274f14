#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/graph/graph_memory.hpp>

namespace cnnsched {

namespace {

std::string gib(std::int64_t bytes) {
  char buf[32];
  if (bytes < (std::int64_t{1} << 30))
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  else
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1 << 30));
  return buf;
}

}  // namespace

std::int64_t estimated_graph_bytes(std::int64_t tasks, std::int64_t edges) {
  return tasks * kGraphBytesPerTask + edges * kGraphBytesPerEdge;
}

std::int64_t graph_memory_limit() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  std::int64_t limit =
      pages > 0 && page > 0 ? static_cast<std::int64_t>(pages) * page / 4 * 3 : std::int64_t{4} << 30;
  // A lower limit for tests and shared machines, in MiB.
  if (const char* mib = std::getenv("CNNSCHED_MEMORY_LIMIT_MIB")) {
    const long long v = std::atoll(mib);
    if (v > 0) limit = std::min(limit, static_cast<std::int64_t>(v) << 20);
  }
  struct rlimit as {};
  if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
    limit = std::min(limit, static_cast<std::int64_t>(as.rlim_cur / 4 * 3));
  return limit;
}

void check_graph_memory(std::int64_t tasks, std::int64_t edges, const std::string& source,
                        const std::string& field) {
  const std::int64_t need = estimated_graph_bytes(tasks, edges), limit = graph_memory_limit();
  if (need > limit)
    throw InputError(source, field,
                     "the tile graph (" + std::to_string(tasks) + " tasks, " + std::to_string(edges) +
                         " dependencies) would need about " + gib(need) + " of memory (" +
                         std::to_string(kGraphBytesPerTask) + " bytes per task, " +
                         std::to_string(kGraphBytesPerEdge) + " per dependency); the limit is " + gib(limit) +
                         " (3/4 of this machine's memory, or CNNSCHED_MEMORY_LIMIT_MIB); use fewer slices");
}

}  // namespace cnnsched
