#pragma once
// What SIGINT and SIGTERM do to a tool: stop a running simulation child
// process, remove every temporary output file and every folder this run
// created that is still empty, and exit 128 + signal (130, 143). Without this
// an interrupted run would leave a truncated file beside the last run's.
#include <sys/types.h>

namespace cnnsched {

void install_interrupt_cleanup();

// The child process an interrupt must stop and wait for (0: none).
void set_interrupt_child(pid_t pid);

}  // namespace cnnsched
