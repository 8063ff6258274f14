// Boolean options take one style everywhere: `--NAME true|false`. Boost
// prints an option that takes a value as `--NAME arg`; a bare switch (no
// value) shows without it, so every option but --help must show `arg`.
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_support.hpp"

namespace cnnsched::option_style_test {

using cli_test::run_tool;

// The option lines of a --help text whose option takes no value.
std::vector<std::string> bare_switches(const std::string& help) {
  std::vector<std::string> bare;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos || line.compare(first, 1, "-") != 0 || first > 6) continue;
    if (line.find("--help") != std::string::npos || line.find("--version") != std::string::npos) continue;
    // The option's spelling ends where its description starts (two spaces).
    const std::string spec = line.substr(first, line.find("  ", first) - first);
    if (spec.find(" arg") == std::string::npos) bare.push_back(spec);
  }
  return bare;
}

struct HelpOf {
  std::string tool;
  std::vector<std::string> args;
};

TEST(OptionStyle, EveryOptionButHelpTakesAValue) {
  const std::vector<HelpOf> helps = {{"cnnsched", {"schedule", "--help"}},
                                     {"cnnsched", {"dag", "--help"}},
                                     {"cnnsched", {"simulate", "--help"}},
                                     {"cnnsched", {"run", "--help"}},
                                     {"cnnsched", {"sweep", "run", "--help"}},
                                     {"lenet_experiment", {"--help"}},
                                     {"network_study", {"--help"}},
                                     {"sched_bench", {"--help"}},
                                     {"quality_bench", {"--help"}},
                                     {"tlm_bench", {"--help"}},
                                     {"soc_example", {"--help"}},
                                     {"sweep_bench", {"--help"}},
                                     {"fused_study", {"--help"}}};
  for (const HelpOf& h : helps) {
    const cli_test::Outcome r = run_tool(h.tool, h.args);
    ASSERT_EQ(r.code, 0) << h.tool << ' ' << h.args[0] << '\n' << r.err;
    ASSERT_NE(r.out.find("--"), std::string::npos) << h.tool << ": no options listed\n" << r.out;
    for (const std::string& name : bare_switches(r.out))
      ADD_FAILURE() << h.tool << ' ' << h.args[0] << ": " << name
                    << " is a bare switch; allowed: --NAME true|false";
  }
}

TEST(OptionStyle, ABareSwitchIsFoundInAHelpText) {
  const std::string help =
      "Options:\n  --spec arg            the spec\n  --slurm               submit\n"
      "  -o [ --out ] arg      the folder\n  -h [ --help ]         show this help\n"
      "                        --slurm continued\n";
  EXPECT_EQ(bare_switches(help), std::vector<std::string>{"--slurm"});
}

}  // namespace cnnsched::option_style_test
