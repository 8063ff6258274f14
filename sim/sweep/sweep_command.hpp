#pragma once
// `cnnsched sweep expand SPEC | run SPEC [options] [-- snakemake options] | merge DIR`.
#include <string>
#include <vector>

namespace cnnsched {

// `args` follow the word "sweep"; `source_dir` locates the workflow in a build tree.
int sweep_command(const std::string& tool, const std::vector<std::string>& args,
                  const std::string& source_dir);

}  // namespace cnnsched
