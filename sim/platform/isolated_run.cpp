#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sim/cli/interrupts.hpp>
#include <cnnsched/sim/platform/isolated_run.hpp>
#include <cnnsched/sim/platform/simulation_error.hpp>

namespace cnnsched {

namespace {

using nlohmann::json;

// The message of an InputError without the "source: field 'x': " prefix its
// constructor adds, so the rebuilt error reads the same.
std::string input_problem(const InputError& e) {
  std::string prefix = e.source() + ": " + (e.field().empty() ? "" : "field '" + e.field() + "': ");
  std::string what = e.what();
  return what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what;
}

json run_child(const std::function<json()>& work) {
  try {
    return {{"ok", true}, {"result", work()}};
  } catch (const InputError& e) {
    return {{"ok", false},
            {"kind", "input"},
            {"source", e.source()},
            {"field", e.field()},
            {"what", input_problem(e)}};
  } catch (const InfeasibleCapacity& e) {
    return {{"ok", false},          {"kind", "infeasible"},     {"task", e.task()},
            {"needed", e.needed()}, {"capacity", e.capacity()}, {"smallest", e.smallest_feasible()}};
  } catch (const std::logic_error& e) {
    return {{"ok", false}, {"kind", "logic"}, {"what", e.what()}};
  } catch (const std::exception& e) {
    return {{"ok", false}, {"kind", "other"}, {"what", e.what()}};
  } catch (...) {
    return {{"ok", false}, {"kind", "other"}, {"what", "unknown exception"}};
  }
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

[[noreturn]] void rethrow(const json& reply) {
  const std::string kind = reply.at("kind").get<std::string>();
  if (kind == "input")
    throw InputError(reply.at("source").get<std::string>(), reply.at("field").get<std::string>(),
                     reply.at("what").get<std::string>());
  if (kind == "infeasible")
    throw InfeasibleCapacity(reply.at("task").get<std::string>(), reply.at("needed").get<Bytes>(),
                             reply.at("capacity").get<Bytes>(), reply.at("smallest").get<Bytes>());
  if (kind == "logic") throw std::logic_error(reply.at("what").get<std::string>());
  throw SimulationError(reply.at("what").get<std::string>());
}

}  // namespace

nlohmann::json run_isolated(const std::function<nlohmann::json()>& work) {
  int fds[2];
  if (::pipe(fds) != 0) throw SimulationError(std::string("cannot create a pipe: ") + std::strerror(errno));
  // Buffered output would otherwise be written twice (by parent and child).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw SimulationError(std::string("cannot fork a simulation process: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    const bool written = write_all(fds[1], run_child(work).dump());
    ::close(fds[1]);
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::_exit(written ? 0 : 1);  // no static destructors: they belong to the parent
  }

  set_interrupt_child(pid);  // an interrupt stops the child and waits for its cleanup
  ::close(fds[1]);
  std::string data;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  set_interrupt_child(0);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = strsignal(sig);
    throw SimulationError("the simulation process was killed by signal " + std::to_string(sig) + " (" +
                          (name ? name : "?") + ")");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || data.empty())
    throw SimulationError("the simulation process exited with status " + std::to_string(WEXITSTATUS(status)) +
                          " without a result");
  json reply;
  try {
    reply = json::parse(data);
  } catch (const json::exception& e) {
    throw SimulationError(std::string("the simulation process sent an unreadable result: ") + e.what());
  }
  if (!reply.at("ok").get<bool>()) rethrow(reply);
  return reply.at("result");
}

}  // namespace cnnsched
