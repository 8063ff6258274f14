#pragma once
// The transfers of an off-chip run as CSV, one row per transfer task in the
// order they started:
//   task,kind,buffer,bytes,dram_address,channel,planned_start_ps,planned_finish_ps,start_ps,finish_ps
// kind is load, reload, spill or store; dram_address is global (the DRAM's
// base + the buffer's home); channel is the DMA channel. The bytes by kind
// sum to SimResult::dram.traffic.
#include <string>

#include <cnnsched/sched/offchip/offchip_plan.hpp>
#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

void write_dram_csv(const std::string& path, const SimResult& result, const OffchipPlan& offchip,
                    std::uint64_t dram_base);

}  // namespace cnnsched
