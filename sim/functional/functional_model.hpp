#pragma once
// Functional mode: real data through the TLM model.
//
// The model hooks into the accelerator without changing a timed transaction:
//  - a fresh plan buffer is filled through the DMA port (transport_dbg via the
//    router): poison (sched/data_generator.hpp) everywhere, then the
//    generated network-input tiles and weight slices it holds;
//  - a PE gathers the exact input regions its tile needs with transport_dbg
//    through its own socket, at the moment of the corresponding timed read.
//    Why not the timed read's bytes: the timed read moves as many bytes as
//    the overlap with the producer tile holds (the cost model's traffic), but
//    that overlap is generally not contiguous in the producer's HWC layout,
//    so its bytes are the first ones of the tile, not the overlap. Splitting
//    it into one timed read per contiguous run would change the transaction
//    count and the latencies, hence the plan. The weights ARE contiguous: the
//    timed read's own data is used;
//  - the PE computes its tile with sched/tile_kernels.hpp and the real timed
//    write stores it (the whole tile, contiguous);
//  - network outputs (until_end buffers) are read back before their release.
// With an off-chip plan the data lives in DRAM first: at the run's start the
// network input and the weights are written to their DRAM homes, loads and
// reloads bring them in through the real DMA (a fresh buffer is only
// poisoned), spills and stores take tiles out, and the network outputs are
// read back from DRAM after the last store: so a spilled tile that comes
// back wrong, or a store that never happened, shows as a mismatch.
//
// SoC mode (host_loads_dram): the model neither writes the DRAM homes nor
// reads the outputs back; a host does it over the bus. The rule for where
// things live in DRAM, from the plan: every policy buffer b with a home
// (OffchipPlan::home[b] != kNoHome) occupies [dram.base + home[b], + its
// bytes); inside it each tile sits at its TileBuffer::offset, its elements in
// HWC order of its region, little-endian of element_bytes (network-input
// tiles and weight slices: what dram_image() gives, poison elsewhere).
// After DONE a network output tile is at dram.base + home[b] + offset
// (dram_outputs()); outputs_from() turns the host's read-back bytes into
// the tiles that check_functional compares against the reference.
#include <cstdint>
#include <memory>
#include <vector>

#include <cnnsched/hw/host_cpu.hpp>
#include <cnnsched/sched/functional/data_generator.hpp>
#include <cnnsched/sched/graph/cnn_graph.hpp>
#include <cnnsched/sched/network/network.hpp>
#include <cnnsched/sched/policies/policy_plan.hpp>
#include <cnnsched/sim/functional/functional_dma.hpp>
#include <cnnsched/sim/functional/functional_layout.hpp>
#include <cnnsched/sim/platform/accelerator.hpp>

namespace cnnsched {

// Tiles as the model produced them, per TaskId (HWC values); empty = not captured.
struct CapturedTiles {
  std::vector<std::vector<std::int64_t>> written;  // as each tile was written (capture_all_layers)
  std::vector<std::vector<std::int64_t>> final;    // network outputs read back from the scratchpad
};

class FunctionalModel {
 public:
  // Installs the hooks on the accelerator's PEs and dispatcher; all referenced
  // objects must outlive the simulation. Throws std::invalid_argument when the
  // element width is not supported or network, graph and plan do not match.
  FunctionalModel(const Network& network, const CnnGraph& cnn, const PolicyPlan& plan,
                  Accelerator& accelerator, FunctionalDma& dma, bool capture_all_layers,
                  std::uint64_t seed = kDefaultDataSeed, bool host_loads_dram = false);

  const CapturedTiles& captured() const { return captured_; }

  // Off-chip plans (else empty): the bytes of every homed buffer at its global
  // DRAM address, as a host writes them before START (inputs, weights, poison).
  std::vector<HostBlock> dram_image();
  struct DramOutput {
    TaskId task = -1;
    std::uint64_t address = 0;  // global
    std::size_t bytes = 0;
  };
  // Off-chip plans (else empty): where each network output tile is after DONE.
  std::vector<DramOutput> dram_outputs() const;
  // The output tiles from the bytes read at dram_outputs() (same order, same sizes).
  CapturedTiles outputs_from(const std::vector<std::vector<unsigned char>>& bytes) const;

 private:
  struct Staging {  // one PE's task being assembled
    TaskId task = -1;
    std::vector<Block> inputs;
    std::vector<std::int64_t> covered;  // elements gathered per input
  };
  void fill(BufferId plan_buffer, std::uint64_t address);
  // The bytes of a policy buffer as preloaded: poison where no input or weight lies.
  void contents(BufferId policy_buffer, std::uint64_t address, Bytes size);
  void write_dram_homes();
  void read_back_from_dram();
  void capture_final(const TileBuffer& tb, std::uint64_t address);
  std::vector<std::int64_t> decode(const unsigned char* data, std::int64_t elements) const;
  void read_back(BufferId plan_buffer, std::uint64_t address);
  void gather(Pe& pe, Staging& s, const PeJob& job, std::size_t read);
  void compute(Staging& s, const PeJob& job, const std::vector<unsigned char>& read_data,
               std::vector<unsigned char>& write_data);
  void stage(Staging& s, TaskId t) const;

  const Network& net_;
  const CnnGraph& cnn_;
  const PolicyPlan& plan_;
  std::uint64_t dram_base_ = 0;
  FunctionalDma& dma_;
  IntFormat format_;
  std::uint64_t seed_;
  bool capture_all_;
  FunctionalLayout layout_;
  std::vector<Staging> staging_;  // per PE
  std::vector<unsigned char> bytes_;
  CapturedTiles captured_;
};

}  // namespace cnnsched
