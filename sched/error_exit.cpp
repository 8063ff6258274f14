// Its messages come from boost::program_options, through option_error_text.
#include <boost/program_options/errors.hpp>
#include <iostream>

#include <cnnsched/sched/error_exit.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/option_error_text.hpp>

namespace cnnsched {

int report_errors(const char* tool, const std::function<int()>& body) {
  try {
    return body();
  } catch (const boost::program_options::error& e) {
    std::cerr << tool << ": " << option_error_text(e) << " (see " << tool << " --help)\n";
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
