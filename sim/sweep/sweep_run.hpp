#pragma once
// `cnnsched sweep run`: expands a spec into a sweep folder and hands the points
// to Snakemake with the project's workflow (sim/sweep/Snakefile), locally on
// N cores or through Slurm; then merges what exists (sim/sweep/sweep_merge.hpp).
#include <string>
#include <vector>

namespace cnnsched {

struct SweepRunOptions {
  std::string spec;
  std::string out_dir = "sweep";
  int cores = 1;       // local cores, or with slurm the jobs in flight
  bool slurm = false;  // snakemake --slurm
  bool keep_going = true;
  std::string snakefile;                    // the workflow file
  std::string cnnsched;                     // the binary the jobs run
  std::vector<std::string> snakemake_args;  // passed through
  std::string log;                          // Snakemake's output goes here when set (else to this process's)
  bool quiet = false;                       // no progress lines of our own
};

// Writes DIR/points.list and DIR/points/<hash>.point.json (a point file is left
// untouched when present, so Snakemake sees nothing new), returning the number
// of points and how many already have a result.
struct SweepFolder {
  int points = 0;
  int done = 0;
  std::vector<std::string> hashes;  // points.list, in the spec's order
};
SweepFolder write_sweep_folder(const std::string& spec, const std::string& dir);

// Returns Snakemake's exit code (merged either way); prints progress lines:
// the folder's counts, then "[k/N] points done, E s elapsed, about L s left"
// as results appear (L at this run's pace), then the merge's counts.
int run_sweep(const SweepRunOptions& options);

// Where the workflow is: $CNNSCHED_SNAKEFILE, else next to an installed binary
// (<prefix>/share/cnnsched/Snakefile), else the source tree's sim/sweep/Snakefile.
std::string find_snakefile(const std::string& source_dir);
// This process's binary (/proc/self/exe).
std::string own_executable();

}  // namespace cnnsched
