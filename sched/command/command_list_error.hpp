#pragma once
// Why a command list was refused. The codes are stable numbers (0 is "no
// error") because the accelerator reports them to the host in its ERROR_CODE
// register.
#include <cstdint>
#include <string>

#include <cnnsched/sched/errors.hpp>

namespace cnnsched {

enum class CommandListErrorCode : std::uint32_t {
  kNone = 0,
  kBadMagic = 1,
  kBadVersion = 2,
  kReservedNotZero = 3,
  kTruncated = 4,          // fewer bytes than the header and its entries need
  kTrailingBytes = 5,      // more bytes than the header's task count covers
  kTaskCountMismatch = 6,  // the header's task count is not the graph's
  kTooManyProcessors = 7,  // the header's processor count exceeds the platform's
  kProcessorOutOfRange = 8,
  kTaskOutOfRange = 9,
  kDuplicateTask = 10,
  kNegativeStart = 11,
  kFinishBeforeStart = 12,
};

// A refused command list: an InputError (exit code 2) whose source is
// "command list", naming the field and what is allowed, with a code.
class CommandListError : public InputError {
 public:
  CommandListError(CommandListErrorCode code, const std::string& field, const std::string& problem)
      : InputError("command list", field, problem), code_(code) {}
  CommandListErrorCode code() const { return code_; }

 private:
  CommandListErrorCode code_;
};

}  // namespace cnnsched
