#pragma once
// Results of an experiment: savings against each group's baseline, the printed
// table and the CSV.
#include <ostream>
#include <string>
#include <vector>

#include <cnnsched/sim/studies/result_row.hpp>

namespace cnnsched {

// Fills memory_saving_pct and makespan_cost_pct of every row from the layer
// row of its group (rows of a group without a layer row keep 0).
void compare_with_baseline(std::vector<ResultRow>& rows);

// A fixed-width table, one block per study.
void print_results_table(std::ostream& out, const std::vector<ResultRow>& rows);

// For each group of `study`: memory-aware HEFT's runs (headline and least
// memory) against the group's HEFT run, peak saving and makespan cost.
void print_against_heft(std::ostream& out, const std::vector<ResultRow>& rows, const std::string& study);

void write_results_csv(const std::string& path, const std::vector<ResultRow>& rows);

}  // namespace cnnsched
