#pragma once
// How command-line tools get a network: from a JSON config or an ONNX file,
// re-sliced by an automatic rule and per-layer overrides.
#include <string>
#include <vector>

#include <cnnsched/sched/network/network.hpp>

namespace cnnsched {

// A .onnx file is imported (sched/onnx_import.hpp), anything else read as a
// network config (sched/network.hpp).
Network load_network_file(const std::string& path);

// Applies, in this order, an automatic slicing ("tile-bytes:N" or "spatial:K",
// empty for none; sched/auto_slicing.hpp) and overrides "LAYER=ROWS,COLS,CHANNELS"
// (LAYER may be "input"). Errors name `option` and the allowed forms.
void apply_slicing_options(Network& network, const std::string& auto_slicing,
                           const std::vector<std::string>& overrides, const std::string& option);

}  // namespace cnnsched
