// boost::program_options::error is header-only (all inline), so the scheduling
// core needs no Boost library to recognise bad options.
#include <boost/program_options/errors.hpp>
#include <iostream>

#include <cnnsched/sched/error_exit.hpp>
#include <cnnsched/sched/errors.hpp>

namespace cnnsched {

int report_errors(const char* tool, const std::function<int()>& body) {
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
