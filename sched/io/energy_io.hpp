#pragma once
// Reads the optional "energy" object of a platform description (every entry
// optional, defaults and sources in sched/energy/energy_table.hpp):
//   "energy": {"mac_pj": {"1": 0.23, "2": 0.85, "4": 3.2},   (by element bytes)
//              "scratchpad_read_pj": 27.6, "scratchpad_write_pj": 27.6,
//              "interconnect_byte_pj": 0.85,
//              "dram_burst_pj": 10400, "dram_activation_pj": 1300,
//              "static_mw": {"pe": 0, "scratchpad": 0, "interconnect": 0, "dma": 0, "dram": 0}}
// Every value is a finite number >= 0; anything else, or an unknown key, is
// an InputError naming the file, the field and what is allowed.
#include <cnnsched/sched/energy/energy_table.hpp>
#include <cnnsched/sched/io/json_fields.hpp>

namespace cnnsched {

EnergySpec read_energy_config(const JsonFields& f);

}  // namespace cnnsched
