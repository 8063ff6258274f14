// Bad platform configs: exit code 2, the file and the field named.
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

// The default platform with one change, run through `cnnsched dag`.
template <typename Edit>
Outcome dag_with_platform(const std::string& name, Edit edit) {
  nlohmann::json p = nlohmann::json::parse(slurp(source("configs/platforms/default.json")));
  edit(p);
  const std::string path = write_file(name, p.dump());
  return cnnsched({"dag", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform", path,
                   "--out", temp("out_dag.json")});
}

TEST(PlatformErrors, WrongTypeMissingAndNonPositive) {
  expect_input_error(dag_with_platform("type.json", [](auto& p) { p["pes"][0]["macs_per_cycle"] = "16"; }),
                     {"type.json", "pes[0].macs_per_cycle", "must be an integer, got a string"});
  expect_input_error(dag_with_platform("missing.json", [](auto& p) { p.erase("scratchpad"); }),
                     {"missing.json", "scratchpad", "is required"});
  expect_input_error(dag_with_platform("count.json", [](auto& p) { p["pes"][0]["count"] = 0; }),
                     {"count.json", "pes[0].count", "must be a positive integer, got 0"});
  expect_input_error(dag_with_platform("bytes.json", [](auto& p) { p["scratchpad"]["bytes"] = -5; }),
                     {"bytes.json", "scratchpad.bytes", "got -5"});
  expect_input_error(dag_with_platform("no_pes.json", [](auto& p) { p["pes"] = nlohmann::json::array(); }),
                     {"no_pes.json", "pes", "at least one PE"});
}

TEST(PlatformErrors, ClockAndSizesOutsideWhatCanBeSimulated) {
  expect_input_error(dag_with_platform("clock.json", [](auto& p) { p["interconnect"]["clock_mhz"] = 300; }),
                     {"clock.json", "interconnect.clock_mhz", "whole number of picoseconds"});
  expect_input_error(dag_with_platform("slow.json", [](auto& p) { p["interconnect"]["clock_mhz"] = 0.5; }),
                     {"slow.json", "interconnect.clock_mhz", "at least 1 MHz"});
  expect_input_error(dag_with_platform("pes.json", [](auto& p) { p["pes"][0]["count"] = 100000; }),
                     {"pes.json", "pes[0].count", "at most 1024"});
  expect_input_error(
      dag_with_platform("big.json", [](auto& p) { p["scratchpad"]["bytes"] = std::int64_t{1} << 40; }),
      {"big.json", "scratchpad.bytes", "at most 1073741824"});
}

}  // namespace
}  // namespace cnnsched::cli_test
