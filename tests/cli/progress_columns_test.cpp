// lenet_experiment's progress lines keep their columns whatever the names: a
// long configuration is cut and marked, never pushing the columns after it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::progress_columns_test {

using namespace cli_test;

TEST(ProgressColumns, ALongNetworkNameKeepsTheColumnsInPlace) {
  nlohmann::json net = nlohmann::json::parse(slurp(lenet5_c1s2c3()));
  net["name"] = "a-network-name-much-longer-than-the-progress-column-" + std::string(40, 'x');
  const std::string file = write_file("long_name.json", net.dump());
  const Outcome r =
      run_tool("lenet_experiment", {"--network", file, "--out", temp("long_name_out"), "--sweep-points", "2",
                                    "--plots", "false", "--traces", "false"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::set<std::size_t> makespan_columns;
  int lines = 0;
  std::istringstream progress(r.err);
  for (std::string line; std::getline(progress, line);) {
    if (line.rfind("  [", 0) != 0) continue;
    ++lines;
    if (line.find("a-network-name") != std::string::npos) {
      EXPECT_NE(line.find("~ "), std::string::npos) << "the long name is not cut: " << line;
    }
    makespan_columns.insert(line.find(" makespan "));
  }
  EXPECT_GT(lines, 10);
  EXPECT_EQ(makespan_columns.size(), 1u) << r.err;
  EXPECT_EQ(makespan_columns.count(std::string::npos), 0u) << r.err;
}

}  // namespace cnnsched::progress_columns_test
