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

}  // namespace cnnsched
