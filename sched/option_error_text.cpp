#include <cnnsched/sched/option_error_text.hpp>

namespace cnnsched {

namespace {

std::string without_percent(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '%' ? std::string("%25") : std::string(1, c);
  return out;
}

// A copy of the error whose substitutions it may rewrite (they are protected).
class SafeOptionError : public boost::program_options::error_with_option_name {
 public:
  explicit SafeOptionError(const boost::program_options::error_with_option_name& e)
      : boost::program_options::error_with_option_name(e) {
    for (auto& [key, value] : m_substitutions) value = without_percent(value);
    for (auto& [key, value] : m_substitution_defaults) {
      value.first = without_percent(value.first);
      value.second = without_percent(value.second);
    }
  }
};

}  // namespace

std::string option_error_text(const boost::program_options::error& e) {
  if (const auto* named = dynamic_cast<const boost::program_options::error_with_option_name*>(&e))
    return SafeOptionError(*named).what();
  return e.what();
}

}  // namespace cnnsched
