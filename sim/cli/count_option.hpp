#pragma once
// Count options. boost::program_options reads "-1" into an unsigned option as
// 2^64 - 1 (a run that never ends), so a count is read as text: digits only,
// within [least, most], else an InputError naming the option and the range.
// Header-only, so the tools that link only the scheduling core use it too.
#include <boost/program_options.hpp>
#include <cstdint>
#include <string>

#include <cnnsched/sched/errors.hpp>

namespace cnnsched {

template <typename T>
boost::program_options::typed_value<std::string>* count_option(T* target, const std::string& option, T least,
                                                               T most) {
  const std::string fallback = std::to_string(*target);
  return boost::program_options::value<std::string>()->default_value(fallback)->notifier(
      [target, option, least, most](const std::string& text) {
        const std::string allowed = "an integer in " + std::to_string(least) + ".." + std::to_string(most);
        bool digits = !text.empty() && text.size() <= 20;
        for (char c : text) digits = digits && c >= '0' && c <= '9';
        const unsigned long long v = digits ? std::stoull(text) : 0;
        if (!digits || v < static_cast<unsigned long long>(least) ||
            v > static_cast<unsigned long long>(most))
          throw InputError("--" + option, "", "'" + text + "' is not allowed; allowed: " + allowed);
        *target = static_cast<T>(v);
      });
}

}  // namespace cnnsched
