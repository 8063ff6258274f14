// The message of the InputError a call throws, "" when it throws none.
#pragma once
#include <string>

#include <cnnsched/sched/errors.hpp>

namespace cnnsched::test {

template <typename F>
std::string input_error_message(F&& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace cnnsched::test
