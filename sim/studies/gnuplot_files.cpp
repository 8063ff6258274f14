#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include <cnnsched/sim/studies/gnuplot_files.hpp>

namespace cnnsched {

std::string gnuplot_partial(const std::string& png) { return png + ".tmp." + std::to_string(::getpid()); }

void run_gnuplot(const std::string& script, const std::string& png) {
  PendingPath pending(gnuplot_partial(png));
  const std::string cmd = "gnuplot '" + script + "'";
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("gnuplot failed on " + script + " (install Debian's gnuplot-nox)");
  place_output(gnuplot_partial(png), png, png);
  pending.release();
}

const char* const kGnuplotPreamble =
    "set terminal pngcairo size 1100,650 font 'Sans,11'\n"
    "set grid\n"
    "set key outside right top\n"
    "set datafile separator ','\n";

}  // namespace cnnsched
