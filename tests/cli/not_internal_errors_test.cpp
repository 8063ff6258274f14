// Property: bad input is never reported as an internal error and never crashes.
// Every field of a valid network, platform and task graph is in turn removed or
// replaced by a value of another kind, out of range or absurdly large; each
// run must exit 0 (the change was still valid) or 2 (bad input), never 1 and
// never by a signal.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_support.hpp"

namespace cnnsched::cli_test {
namespace {

using nlohmann::json;

// Every variant of `doc` with one leaf or member replaced or removed.
void mutations(const json& doc, std::vector<json>& out) {
  const std::vector<json> replacements = {
      nullptr, -1, 0, 1, 3.5, 1e30, "x", json::array(), json::object(), std::int64_t{1} << 50};
  const json flat = doc.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    const json::json_pointer at(pointer);
    for (const json& r : replacements) {
      if (value == r) continue;  // the same document again: nothing new to try
      json v = doc;
      v[at] = r;
      out.push_back(v);
    }
    json removed = doc;
    json& parent = removed[at.parent_pointer()];
    if (parent.is_object())
      parent.erase(at.back());
    else
      parent.erase(std::stoul(at.back()));
    out.push_back(removed);
  }
}

void expect_never_internal(const std::vector<std::string>& args_before,
                           const std::vector<std::string>& args_after, const json& base,
                           const std::string& name) {
  std::vector<json> variants;
  mutations(base, variants);
  ASSERT_GT(variants.size(), 20u);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const std::string path = write_file(name, variants[i].dump());
    std::vector<std::string> args = args_before;
    args.push_back(path);
    args.insert(args.end(), args_after.begin(), args_after.end());
    const Outcome r = cnnsched(args);
    EXPECT_TRUE(r.code == 0 || r.code == 2) << "variant " << variants[i].dump() << "\nexit " << r.code
                                            << ", signal " << r.signal << (r.hung ? " (hung)" : "") << "\n"
                                            << r.err;
  }
}

TEST(NotInternalErrors, NetworkVariants) {
  const json net = json::parse(R"({"input": {"shape": [8, 8, 2], "slices": [2, 1, 1]},
      "layers": [{"name": "c", "kind": "conv", "kernel": [3, 3], "out_channels": 4, "groups": 2,
                  "padding": 1, "slices": [2, 2, 2]},
                 {"name": "p", "kind": "maxpool", "window": 2, "inputs": "c"},
                 {"name": "a", "kind": "add", "inputs": ["p", "p2"]},
                 {"name": "p2", "kind": "avgpool", "window": 2, "inputs": "c"},
                 {"name": "f", "kind": "fc", "out_features": 3}]})");
  // "a" refers forward on purpose: its mutations explore both orders.
  expect_never_internal({"dag", "--network"},
                        {"--platform", source("configs/platforms/default.json"), "--out", temp("o.json")},
                        net, "variant_network.json");
}

TEST(NotInternalErrors, PlatformVariants) {
  const json plat = json::parse(slurp(source("configs/platforms/default.json")));
  expect_never_internal({"dag", "--network", source("configs/networks/lenet5_c1s2c3.json"), "--platform"},
                        {"--out", temp("o.json")}, plat, "variant_platform.json");
}

TEST(NotInternalErrors, DagVariants) {
  const json dag = json::parse(R"({"processors": ["P", "Q"],
      "tasks": [{"id": "a", "cost": [2, 3], "output_bytes": 8, "layer": 0},
                {"id": "b", "cost": 4, "output_bytes": 4, "layer": 1}],
      "edges": [{"from": "a", "to": "b", "cost": 1, "bytes": 8}], "memory_capacity": 16})");
  std::vector<json> variants;
  mutations(dag, variants);
  std::size_t refused = 0;
  for (const json& v : variants) {
    const std::string file = write_file("variant_dag.json", v.dump());
    // The file is read and checked before any policy runs, so a variant that
    // heft refuses as bad input (2) is refused alike by every policy; only the
    // variants it accepts go on to the other policies.
    for (const char* policy : {"heft", "layer", "memheft"}) {
      const Outcome r = cnnsched({"schedule", "--dag", file, "--policy", policy});
      // memheft may also find the file's memory_capacity infeasible (3).
      EXPECT_TRUE(r.code == 0 || r.code == 2 || r.code == 3)
          << policy << ", variant " << v.dump() << "\nexit " << r.code << ", signal " << r.signal << "\n"
          << r.err;
      if (r.code == 2 && std::string(policy) == "heft") {
        ++refused;
        break;
      }
    }
  }
  // Both branches are taken: some variants are refused, some reach every policy.
  EXPECT_GT(refused, 0u);
  EXPECT_LT(refused, variants.size());
}

}  // namespace
}  // namespace cnnsched::cli_test
