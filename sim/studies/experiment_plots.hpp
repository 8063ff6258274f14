#pragma once
// Plots of the LeNet-5 experiment as PNG files, drawn by gnuplot (Debian's
// gnuplot-nox): memory occupancy over time for the three policies, the
// makespan/peak-memory Pareto front of the capacity sweep, the two slicing
// studies (slicing.png, pool_slicing.png).
#include <string>
#include <vector>

#include <cnnsched/sim/studies/result_row.hpp>

namespace cnnsched {

// Writes the data files and gnuplot scripts into out_dir and runs gnuplot.
// `stem` names the headline runs' memory CSVs (<stem>_<policy>.memory.csv).
// Returns the PNG paths; throws std::runtime_error when gnuplot fails.
std::vector<std::string> write_experiment_plots(const std::string& out_dir, const std::string& stem,
                                                const std::vector<ResultRow>& rows);

}  // namespace cnnsched
