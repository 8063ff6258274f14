#pragma once
// What a tile graph will take in memory, estimated from its task and
// dependency counts before it is built, so a network whose graph cannot fit is
// refused with the estimate and the limit instead of ending in std::bad_alloc
// after gigabytes. The rates are measured peak resident sizes of `cnnsched
// simulate` (graph, buffers, plan, simulation, no traces) on VGG-16 and
// LeNet-5 C1-S2-C3 tile graphs of 7 k-37 k tasks and 85 k-245 k dependencies:
// about 710 bytes per task and 110 per dependency, rounded up here.
#include <cstdint>
#include <string>

namespace cnnsched {

inline constexpr std::int64_t kGraphBytesPerTask = 800;
inline constexpr std::int64_t kGraphBytesPerEdge = 128;

std::int64_t estimated_graph_bytes(std::int64_t tasks, std::int64_t edges);

// Three quarters of the physical memory, or of the address-space limit, or
// the environment's CNNSCHED_MEMORY_LIMIT_MIB, whichever is lowest.
std::int64_t graph_memory_limit();

// Throws InputError(source, field, ...) with the estimate and the limit when
// a graph of this size would not fit.
void check_graph_memory(std::int64_t tasks, std::int64_t edges, const std::string& source,
                        const std::string& field);

}  // namespace cnnsched
