#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/policies/memheft.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/sweep/capacity_rule.hpp>

namespace cnnsched {

namespace {

constexpr int kMaxCapacitySteps = 1000;

const char* const kAllowedCapacities =
    "allowed: a number of bytes >= 0, \"smallest\", \"within:PCT\" (PCT a number >= 0, e.g. within:10) "
    "or \"step:I/N\" (2 <= N <= 1000, 0 <= I < N, e.g. step:3/8)";

// A whole decimal number of at most 6 digits, or -1.
int small_count(const std::string& text) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::atoi(text.c_str());
}

// A plain decimal number >= 0 ("10", "2.5"), or -1.
double percentage(const std::string& text) {
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789.") != std::string::npos ||
      text.front() == '.' || text.back() == '.' || std::count(text.begin(), text.end(), '.') > 1)
    return -1;
  return std::strtod(text.c_str(), nullptr);
}

Bytes unconstrained_peak(const CnnGraph& cnn) {
  return plan_policy(cnn, Policy::MemHeft, 0).report.peak_bytes;
}

}  // namespace

CapacityRule parse_capacity_rule(const nlohmann::json& value, const std::string& source) {
  const auto bad = [&](const std::string& problem) {
    return InputError(source, "capacity", problem + "; " + kAllowedCapacities);
  };
  CapacityRule rule;
  if (value.is_number_integer() || value.is_number_unsigned()) {
    if (value.is_number_integer() && value.get<std::int64_t>() < 0) throw bad("must not be negative");
    rule.bytes = value.get<Bytes>();
    return rule;
  }
  if (!value.is_string()) throw bad("must be a whole number of bytes or a rule string, not " + value.dump());
  const std::string text = value.get<std::string>();
  if (text == "smallest") {
    rule.kind = CapacityRule::Kind::Smallest;
    return rule;
  }
  if (text.rfind("within:", 0) == 0) {
    const double pct = percentage(text.substr(7));
    if (pct < 0) throw bad("'" + text + "': PCT must be a decimal number >= 0");
    rule.kind = CapacityRule::Kind::Within;
    rule.within_pct = pct;
    return rule;
  }
  if (text.rfind("step:", 0) == 0) {
    const std::string rest = text.substr(5);
    const std::size_t slash = rest.find('/');
    const int i = slash == std::string::npos ? -1 : small_count(rest.substr(0, slash));
    const int n = slash == std::string::npos ? -1 : small_count(rest.substr(slash + 1));
    if (i < 0 || n < 0) throw bad("'" + text + "' is not step:I/N with whole numbers I and N");
    if (n < 2 || n > kMaxCapacitySteps) throw bad("'" + text + "': N must be in 2..1000");
    if (i >= n) throw bad("'" + text + "': I must be in 0.." + std::to_string(n - 1));
    rule.kind = CapacityRule::Kind::Step;
    rule.step = i;
    rule.steps = n;
    return rule;
  }
  throw bad("'" + text + "' is not a capacity");
}

Bytes smallest_capacity(const CnnGraph& cnn) { return memheft_smallest_capacity(cnn.graph, cnn.buffers); }

Bytes capacity_within_cost(const CnnGraph& cnn, double max_cost_pct, int steps) {
  const Time bound =
      static_cast<Time>(static_cast<double>(plan_policy(cnn, Policy::LayerByLayer).report.makespan) *
                        (1.0 + max_cost_pct / 100.0));
  const Bytes lo = smallest_capacity(cnn);
  const Bytes hi = unconstrained_peak(cnn);
  for (int i = 0; i <= steps; ++i) {
    const Bytes cap = lo + (hi - lo) * i / std::max(steps, 1);
    const auto schedule = try_schedule_memheft(cnn.graph, cnn.buffers, cap);
    if (schedule && schedule->makespan() <= bound) return cap;
  }
  return hi;
}

Bytes capacity_step(const CnnGraph& cnn, int step, int steps) {
  const Bytes lo = smallest_capacity(cnn);
  const Bytes hi = unconstrained_peak(cnn);
  return lo + (hi - lo) * step / std::max(steps - 1, 1);
}

Bytes resolve_capacity(const CapacityRule& rule, const CnnGraph& cnn) {
  switch (rule.kind) {
    case CapacityRule::Kind::Bytes:
      return rule.bytes;
    case CapacityRule::Kind::Smallest:
      return smallest_capacity(cnn);
    case CapacityRule::Kind::Within:
      return capacity_within_cost(cnn, rule.within_pct);
    case CapacityRule::Kind::Step:
      return capacity_step(cnn, rule.step, rule.steps);
  }
  return rule.bytes;
}

std::string within_rule(double max_cost_pct) {
  char text[64];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*f", digits, max_cost_pct);
    if (std::strtod(text, nullptr) == max_cost_pct) break;
  }
  std::string s = text;  // "10.0" -> "10", "2.50" -> "2.5"
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return "within:" + s;
}

std::string step_rule(int step, int steps) {
  return "step:" + std::to_string(step) + "/" + std::to_string(steps);
}

}  // namespace cnnsched
