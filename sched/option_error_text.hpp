#pragma once
// The message of a boost::program_options error, safe to build. Boost fills
// placeholders such as %value% in a loop that never ends when the substituted
// text holds the placeholder again: `--sweep-points %value%` (or an INI key
// with %canonical_option% in it, found by tests/fuzz/fuzz_ini.cpp) hung the
// tool. Here every '%' of a user's text is shown as "%25" before the message is made.
#include <boost/program_options/errors.hpp>
#include <string>

namespace cnnsched {

std::string option_error_text(const boost::program_options::error& e);

}  // namespace cnnsched
