#pragma once
// An ignorable TLM-2.0 extension naming what a transaction is for: the DMA
// attaches its descriptor's tag (the dispatcher's transfer task), and the
// DRAM counts its actions per tag (Dram::tag_actions), so the energy model can
// split DRAM energy by what each transfer moved. Targets and routers that do
// not know it pass it on untouched; a transaction without it has tag -1.
#include <cstdint>
#include <tlm>

namespace cnnsched {

struct TransactionTag : tlm::tlm_extension<TransactionTag> {
  std::int64_t tag = -1;
  tlm::tlm_extension_base* clone() const override {
    auto* copy = new TransactionTag;
    copy->tag = tag;
    return copy;
  }
  void copy_from(const tlm::tlm_extension_base& other) override {
    tag = static_cast<const TransactionTag&>(other).tag;
  }
};

// The tag of a transaction, -1 without the extension.
inline std::int64_t transaction_tag(const tlm::tlm_generic_payload& trans) {
  const TransactionTag* t = trans.get_extension<TransactionTag>();
  return t == nullptr ? -1 : t->tag;
}

}  // namespace cnnsched
