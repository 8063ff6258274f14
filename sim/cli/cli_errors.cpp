#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <vector>

#include <cnnsched/sched/error_exit.hpp>
#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/cli/cli_errors.hpp>
#include <cnnsched/sim/cli/interrupts.hpp>
#include <cnnsched/sim/traces/output_dir.hpp>

namespace cnnsched {

namespace {

// Keep the tools' output to their own lines: libsystemc prints its banner
// before sc_main runs unless this variable is set, so it is set while the
// program loads (a value the user set wins).
[[maybe_unused]] const bool kBannerOff = ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0) == 0;

}  // namespace

int run_reporting_errors(const char* tool, const std::function<int()>& body) {
  install_interrupt_cleanup();
  const int code = report_errors(tool, body);
  if (code != kExitOk) remove_pending_outputs();  // a failed run leaves no empty folder behind
  return code;
}

void prepare_output_dir(const std::string& dir, const std::string& option) {
  if (dir.empty()) throw InputError(option, "", "must name a folder");
  namespace fs = std::filesystem;
  std::vector<fs::path> missing;  // outermost last
  std::error_code ec;
  for (fs::path p = fs::path(dir).lexically_normal(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  fs::create_directories(dir, ec);
  if (ec) throw InputError(option, "", "cannot create the folder '" + dir + "': " + ec.message());
  for (auto p = missing.rbegin(); p != missing.rend(); ++p) remember_created_folder(p->string());
  if (!fs::is_directory(dir, ec)) throw InputError(option, "", "'" + dir + "' exists and is not a folder");
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw InputError(option, "", "cannot write files into the folder '" + dir + "'");
}

void check_file_stem(const std::string& stem, const std::string& option) {
  if (stem.empty() || stem == "." || stem == ".." || stem.find('/') != std::string::npos ||
      stem.find('\0') != std::string::npos)
    throw InputError(option, "",
                     "'" + stem +
                         "' is not a file name stem; use a name without '/' (files go into the output "
                         "folder)");
  if (stem.size() > kMaxFileStem)
    throw InputError(option, "",
                     "a stem of " + std::to_string(stem.size()) +
                         " characters is too long; allowed: at most " + std::to_string(kMaxFileStem));
}

}  // namespace cnnsched
