#include <unistd.h>

#include <atomic>
#include <csignal>
#include <sys/wait.h>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/cli/interrupts.hpp>

namespace cnnsched {

namespace {

std::atomic<pid_t> g_child{0};

extern "C" void on_interrupt(int sig) {
  const pid_t child = g_child.load();
  if (child > 0) {
    ::kill(child, sig);
    int status = 0;
    ::waitpid(child, &status, 0);  // its own handler removes its files first
  }
  remove_pending_outputs();
  ::_exit(128 + sig);
}

}  // namespace

void install_interrupt_cleanup() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

void set_interrupt_child(pid_t pid) { g_child.store(pid); }

}  // namespace cnnsched
