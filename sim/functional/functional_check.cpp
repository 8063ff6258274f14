#include <cnnsched/sim/functional/functional_check.hpp>

namespace cnnsched {

namespace {

void compare(FunctionalCheck& check, const Network& net, const CnnGraph& cnn, TaskId t,
             const std::vector<std::int64_t>& got, const ReferenceResult& ref, const char* where) {
  const TileInfo& tile = cnn.tiles[static_cast<std::size_t>(t)];
  const Tensor& expected = ref.layers[static_cast<std::size_t>(tile.layer)];
  const std::string head = "layer " + net.layers[static_cast<std::size_t>(tile.layer)].name + ", tile " +
                           cnn.graph.name(t) + " (" + where + "): ";
  ++check.tiles;
  const std::int64_t n = tile.rows.size() * tile.cols.size() * tile.channels.size();
  if (static_cast<std::int64_t>(got.size()) != n) {
    check.mismatches.push_back(head + "holds " + std::to_string(got.size()) + " elements instead of " +
                               std::to_string(n) + (got.empty() ? " (never captured)" : ""));
    return;
  }
  std::string first;
  std::int64_t differ = 0;
  std::size_t i = 0;
  for (std::int64_t h = tile.rows.begin; h < tile.rows.end; ++h)
    for (std::int64_t w = tile.cols.begin; w < tile.cols.end; ++w)
      for (std::int64_t c = tile.channels.begin; c < tile.channels.end; ++c, ++i) {
        const std::int64_t e = expected.at(h, w, c);
        if (got[i] == e) continue;
        if (differ++ == 0)
          first = "first difference at (h=" + std::to_string(h) + ", w=" + std::to_string(w) +
                  ", c=" + std::to_string(c) + "): expected " + std::to_string(e) + ", got " +
                  std::to_string(got[i]);
      }
  check.elements += static_cast<std::uint64_t>(n);
  if (differ > 0)
    check.mismatches.push_back(head + first + " (" + std::to_string(differ) + " of " + std::to_string(n) +
                               " elements differ)");
}

}  // namespace

FunctionalCheck check_functional(const Network& net, const CnnGraph& cnn, const CapturedTiles& captured,
                                 const ReferenceResult& ref) {
  FunctionalCheck check;
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    const std::size_t i = static_cast<std::size_t>(t);
    if (i < captured.written.size()) compare(check, net, cnn, t, captured.written[i], ref, "as written");
    if (cnn.buffers.buffer(cnn.output_buffer[i]).until_end)
      compare(check, net, cnn, t, i < captured.final.size() ? captured.final[i] : std::vector<std::int64_t>{},
              ref, "network output read back");
  }
  return check;
}

std::string mismatch_text(const FunctionalCheck& check, std::size_t max_lines) {
  std::string text;
  for (std::size_t i = 0; i < check.mismatches.size() && i < max_lines; ++i)
    text += check.mismatches[i] + "\n";
  if (check.mismatches.size() > max_lines)
    text += "... and " + std::to_string(check.mismatches.size() - max_lines) + " more tiles differ\n";
  return text;
}

}  // namespace cnnsched
