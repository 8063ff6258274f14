#pragma once
// How long a DMA transfer takes, by the formulas the SystemC modules follow
// (hw/dma.hpp, hw/router.hpp, hw/dram.hpp, hw/scratchpad.hpp) with contention
// off: per burst of at most max_burst_bytes, the read then the write, each one
// transaction through the interconnect; the DRAM side sees an idle DRAM.
#include <cstdint>

#include <cnnsched/sched/platform.hpp>

namespace cnnsched {

// n bytes between the DRAM at local offset `dram_offset` and the scratchpad
// (either direction: a burst is one DRAM and one scratchpad transaction).
Time dma_transfer_time(const Platform& platform, std::uint64_t dram_offset, Bytes n);

}  // namespace cnnsched
