#pragma once
// The studies' gnuplot plots: data files and scripts written as output files
// (sched/io/output_file.hpp, complete or absent), and PNGs that gnuplot draws
// into a temporary name, renamed into place only when gnuplot succeeded.
#include <ostream>
#include <string>

#include <cnnsched/sched/io/output_file.hpp>

namespace cnnsched {

// An output file used like an ofstream; close() puts it in place.
class PlotFile : public std::ostream {
 public:
  explicit PlotFile(const std::string& path) : std::ostream(nullptr), file_(path) {
    rdbuf(file_.stream().rdbuf());
  }
  void close() {
    flush();
    file_.commit();
  }

 private:
  OutputFile file_;
};

// The name a script has gnuplot draw `png` into ("set output").
std::string gnuplot_partial(const std::string& png);

// Runs gnuplot on `script`, then renames gnuplot_partial(png) to png; throws
// std::runtime_error when gnuplot fails.
void run_gnuplot(const std::string& script, const std::string& png);

// PNG terminal, grid, key and CSV data: the start of every study's script.
extern const char* const kGnuplotPreamble;

}  // namespace cnnsched
