#include <cnnsched/sched/offchip/transfer.hpp>

namespace cnnsched {

const char* transfer_kind_name(TransferKind kind) {
  switch (kind) {
    case TransferKind::kNone:
      return "compute";
    case TransferKind::kLoad:
      return "load";
    case TransferKind::kReload:
      return "reload";
    case TransferKind::kSpill:
      return "spill";
    case TransferKind::kStore:
      return "store";
  }
  return "?";
}

bool reads_dram(TransferKind kind) { return kind == TransferKind::kLoad || kind == TransferKind::kReload; }

void DramTraffic::add(const Transfer& t, DataKind data) {
  switch (t.kind) {
    case TransferKind::kNone:
      return;
    case TransferKind::kLoad:
      (data == DataKind::kInput ? input : weights) += t.bytes;
      break;
    case TransferKind::kReload:
      (data == DataKind::kWeights ? weight_reload : reload) += t.bytes;
      break;
    case TransferKind::kSpill:
      spill += t.bytes;
      break;
    case TransferKind::kStore:
      output += t.bytes;
      break;
  }
  ++transfers;
}

}  // namespace cnnsched
