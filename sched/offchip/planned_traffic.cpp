#include <cnnsched/sched/offchip/planned_traffic.hpp>

namespace cnnsched {

std::vector<DataKind> data_kinds(const CnnGraph& cnn) {
  std::vector<DataKind> kinds(static_cast<std::size_t>(cnn.buffers.num_buffers()), DataKind::kTile);
  for (BufferId b : cnn.input_buffers) kinds[static_cast<std::size_t>(b)] = DataKind::kInput;
  // A layer's weight slices follow its first one, one per output-channel slice.
  for (TaskId t = 0; t < cnn.graph.num_tasks(); ++t) {
    const TileInfo& tile = cnn.tiles[static_cast<std::size_t>(t)];
    const BufferId first = cnn.weight_buffers[static_cast<std::size_t>(tile.layer)];
    if (first >= 0) kinds[static_cast<std::size_t>(first + tile.channel_slice)] = DataKind::kWeights;
  }
  return kinds;
}

DramTraffic planned_traffic(const CnnGraph& cnn, const OffchipPlan& plan) {
  const std::vector<DataKind> kinds = data_kinds(cnn);
  DramTraffic traffic;
  for (const Transfer& t : plan.transfers)
    if (t.kind != TransferKind::kNone) traffic.add(t, kinds[static_cast<std::size_t>(t.data)]);
  return traffic;
}

}  // namespace cnnsched
