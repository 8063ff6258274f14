#include "sim/cli_errors.hpp"

#include <boost/program_options/errors.hpp>
#include <cstdlib>
#include <iostream>

#include "sched/errors.hpp"

namespace cnnsched {

namespace {

// Keep the tools' output to their own lines: libsystemc prints its banner
// before sc_main runs unless this variable is set, so it is set while the
// program loads (a value the user set wins).
const bool kBannerOff = ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0) == 0;

}  // namespace

int run_reporting_errors(const char* tool, const std::function<int()>& body) {
  try {
    return body();
  } catch (const boost::program_options::error& e) {
    std::cerr << tool << ": " << e.what() << " (see " << tool << " --help)\n";
    return kExitInput;
  } catch (const InputError& e) {
    std::cerr << tool << ": " << e.what() << '\n';
    return kExitInput;
  } catch (const InfeasibleCapacity& e) {
    std::cerr << tool << ": " << e.what() << '\n';
    return kExitInfeasible;
  } catch (const std::exception& e) {
    std::cerr << tool << ": internal error: " << e.what() << '\n';
    return kExitInternal;
  }
}

}  // namespace cnnsched
