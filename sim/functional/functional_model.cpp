#include <stdexcept>
#include <string>

#include <cnnsched/sim/functional/functional_model.hpp>

namespace cnnsched {

namespace {

std::size_t ix(std::int64_t i) { return static_cast<std::size_t>(i); }

}  // namespace

FunctionalModel::FunctionalModel(const Network& network, const CnnGraph& cnn, const PolicyPlan& plan,
                                 Accelerator& accelerator, FunctionalDma& dma, bool capture_all_layers,
                                 std::uint64_t seed, bool host_loads_dram)
    : net_(network),
      cnn_(cnn),
      plan_(plan),
      dma_(dma),
      format_(int_format(network.element_bytes)),
      seed_(seed),
      capture_all_(capture_all_layers),
      layout_(functional_layout(network, cnn, plan)) {
  const std::size_t n = ix(cnn.graph.num_tasks());
  captured_.final.resize(n);
  if (capture_all_) captured_.written.resize(n);
  staging_.resize(accelerator.pes.size());
  PlanDispatcher& d = *accelerator.dispatcher;
  d.on_allocated = [this](BufferId b, std::uint64_t address) { fill(b, address); };
  if (plan.offchip) {
    dram_base_ = accelerator.dram->spec().base;
    if (!host_loads_dram) {
      d.before_run = [this] { write_dram_homes(); };
      d.after_run = [this] { read_back_from_dram(); };
    }
  } else {
    d.before_release = [this](BufferId b, std::uint64_t address) { read_back(b, address); };
  }
  for (std::size_t p = 0; p < accelerator.pes.size(); ++p) {
    Pe* pe = &accelerator.pes[p];
    pe->after_read = [this, pe, p](const PeJob& job, std::size_t read) {
      gather(*pe, staging_[p], job, read);
    };
    pe->compute = [this, p](const PeJob& job, const std::vector<unsigned char>& in,
                            std::vector<unsigned char>& out) { compute(staging_[p], job, in, out); };
  }
}

void FunctionalModel::fill(BufferId plan_buffer, std::uint64_t address) {
  const Bytes size = plan_.run_buffers().buffer(plan_buffer).bytes;
  if (plan_.offchip) {  // what it holds comes through the DMA or from its producer
    bytes_.resize(ix(size));
    for (Bytes i = 0; i < size; ++i) bytes_[ix(i)] = poison_byte(address + static_cast<std::uint64_t>(i));
  } else {
    contents(plan_buffer, address, size);
  }
  dma_.write(address, bytes_.data(), static_cast<unsigned int>(size));
}

void FunctionalModel::write_dram_homes() {
  for (HostBlock& block : dram_image())
    dma_.write(block.address, block.bytes.data(), static_cast<unsigned int>(block.bytes.size()));
}

std::vector<HostBlock> FunctionalModel::dram_image() {
  std::vector<HostBlock> image;
  if (!plan_.offchip) return image;
  const OffchipPlan& o = *plan_.offchip;
  for (BufferId b = 0; b < plan_.buffers.num_buffers(); ++b) {
    const Bytes size = plan_.buffers.buffer(b).bytes;
    if (o.home[ix(b)] == OffchipPlan::kNoHome || size == 0) continue;
    const std::uint64_t address = dram_base_ + o.home[ix(b)];
    contents(b, address, size);
    image.push_back({address, bytes_});
  }
  return image;
}

std::vector<FunctionalModel::DramOutput> FunctionalModel::dram_outputs() const {
  std::vector<DramOutput> out;
  if (!plan_.offchip) return out;
  const OffchipPlan& o = *plan_.offchip;
  for (BufferId b = 0; b < plan_.buffers.num_buffers(); ++b) {
    if (o.home[ix(b)] == OffchipPlan::kNoHome) continue;
    for (BufferId m : layout_.members[ix(b)]) {
      if (!cnn_.buffers.buffer(m).until_end) continue;
      const TileBuffer& tb = layout_.tiles[ix(m)];
      out.push_back({tb.task, dram_base_ + o.home[ix(b)] + static_cast<std::uint64_t>(tb.offset),
                     ix(tb.region.elements() * format_.bytes)});
    }
  }
  return out;
}

CapturedTiles FunctionalModel::outputs_from(const std::vector<std::vector<unsigned char>>& bytes) const {
  const std::vector<DramOutput> where = dram_outputs();
  if (bytes.size() != where.size())
    throw std::invalid_argument("functional mode: " + std::to_string(bytes.size()) + " output blocks read, " +
                                std::to_string(where.size()) + " expected");
  CapturedTiles tiles;
  tiles.final.resize(ix(cnn_.graph.num_tasks()));
  for (std::size_t i = 0; i < where.size(); ++i) {
    if (bytes[i].size() != where[i].bytes)
      throw std::invalid_argument("functional mode: output block " + std::to_string(i) + " has " +
                                  std::to_string(bytes[i].size()) + " bytes, " +
                                  std::to_string(where[i].bytes) + " expected");
    tiles.final[ix(where[i].task)] =
        decode(bytes[i].data(), static_cast<std::int64_t>(where[i].bytes) / format_.bytes);
  }
  return tiles;
}

std::vector<std::int64_t> FunctionalModel::decode(const unsigned char* data, std::int64_t elements) const {
  std::vector<std::int64_t> out(ix(elements));
  for (std::int64_t i = 0; i < elements; ++i) out[ix(i)] = load_element(data + i * format_.bytes, format_);
  return out;
}

void FunctionalModel::read_back_from_dram() {
  const OffchipPlan& o = *plan_.offchip;
  for (BufferId b = 0; b < plan_.buffers.num_buffers(); ++b) {
    if (o.home[ix(b)] == OffchipPlan::kNoHome) continue;
    for (BufferId m : layout_.members[ix(b)])
      if (cnn_.buffers.buffer(m).until_end) capture_final(layout_.tiles[ix(m)], dram_base_ + o.home[ix(b)]);
  }
}

void FunctionalModel::contents(BufferId policy_buffer, std::uint64_t address, Bytes size) {
  bytes_.resize(ix(size));
  for (Bytes i = 0; i < size; ++i) bytes_[ix(i)] = poison_byte(address + static_cast<std::uint64_t>(i));
  // The data of the inputs and weights it holds (a DMA preload); outputs stay poisoned.
  for (BufferId b : layout_.members[ix(policy_buffer)]) {
    const TileBuffer& tb = layout_.tiles[ix(b)];
    unsigned char* at = bytes_.data() + tb.offset;
    if (tb.kind == TileBuffer::Kind::kInput) {
      const Shape& s = net_.input_shape;
      for (std::int64_t h = tb.region.rows.begin; h < tb.region.rows.end; ++h)
        for (std::int64_t w = tb.region.cols.begin; w < tb.region.cols.end; ++w)
          for (std::int64_t c = tb.region.channels.begin; c < tb.region.channels.end;
               ++c, at += format_.bytes)
            store_element(at, input_value(seed_, format_, (h * s.w + w) * s.c + c), format_);
    } else if (tb.kind == TileBuffer::Kind::kWeights) {
      const Layer& layer = net_.layers[ix(tb.layer)];
      for (std::int64_t v : generate_weight_slice(layer, tb.layer, tb.region.channels, format_, seed_)) {
        store_element(at, v, format_);
        at += format_.bytes;
      }
    }
  }
}

void FunctionalModel::read_back(BufferId plan_buffer, std::uint64_t address) {
  for (BufferId b : layout_.members[ix(plan_buffer)])
    if (cnn_.buffers.buffer(b).until_end) capture_final(layout_.tiles[ix(b)], address);
}

void FunctionalModel::capture_final(const TileBuffer& tb, std::uint64_t address) {
  const std::int64_t n = tb.region.elements();
  bytes_.resize(ix(n * format_.bytes));
  dma_.read(address + static_cast<std::uint64_t>(tb.offset), bytes_.data(),
            static_cast<unsigned int>(bytes_.size()));
  std::vector<std::int64_t>& out = captured_.final[ix(tb.task)];
  out.resize(ix(n));
  for (std::int64_t i = 0; i < n; ++i) out[ix(i)] = load_element(bytes_.data() + i * format_.bytes, format_);
}

void FunctionalModel::stage(Staging& s, TaskId t) const {
  const TileInfo& tile = cnn_.tiles[ix(t)];
  const Layer& layer = net_.layers[ix(tile.layer)];
  s.task = t;
  s.inputs.clear();
  for (std::size_t i = 0; i < layer.inputs.size(); ++i)
    s.inputs.emplace_back(needed_input_region(layer, {tile.rows, tile.cols, tile.channels}, i));
  s.covered.assign(layer.inputs.size(), 0);
}

void FunctionalModel::gather(Pe& pe, Staging& s, const PeJob& job, std::size_t read) {
  const TaskId t = job.task;
  if (s.task != t) stage(s, t);
  const TileBuffer& src = layout_.tiles[ix(cnn_.work.reads(t).begin()[read].buffer)];
  if (src.kind == TileBuffer::Kind::kWeights) return;  // used from the timed read's own data
  const Layer& layer = net_.layers[ix(cnn_.tiles[ix(t)].layer)];
  std::size_t input = 0;
  while (input < layer.inputs.size() && layer.inputs[input] != src.layer) ++input;
  if (input == layer.inputs.size())
    throw std::logic_error("functional mode: task '" + cnn_.graph.name(t) + "' reads a tile of no input");
  Block& block = s.inputs[input];
  const TensorRegion part = intersect(block.region, src.region);
  if (part.elements() * format_.bytes != static_cast<std::int64_t>(job.reads[read].bytes))
    throw std::logic_error("functional mode: task '" + cnn_.graph.name(t) + "' read " + std::to_string(read) +
                           " does not match its overlap with the producer tile");
  const std::int64_t tw = src.region.cols.size(), tc = src.region.channels.size();
  for_each_hwc_run(src.region, part, [&](std::int64_t first, std::int64_t count) {
    bytes_.resize(ix(count * format_.bytes));
    const auto n = static_cast<unsigned int>(bytes_.size());
    if (pe.debug_read(job.reads[read].address + static_cast<std::uint64_t>(first * format_.bytes),
                      bytes_.data(), n) != n)
      throw std::logic_error("functional mode: task '" + cnn_.graph.name(t) + "': a debug read failed");
    for (std::int64_t e = 0; e < count; ++e) {
      const std::int64_t i = first + e;
      const std::int64_t h = src.region.rows.begin + i / (tw * tc);
      const std::int64_t w = src.region.cols.begin + (i / tc) % tw;
      const std::int64_t c = src.region.channels.begin + i % tc;
      block.values[block.index(h, w, c)] = load_element(bytes_.data() + e * format_.bytes, format_);
    }
  });
  s.covered[input] += part.elements();
}

void FunctionalModel::compute(Staging& s, const PeJob& job, const std::vector<unsigned char>& read_data,
                              std::vector<unsigned char>& write_data) {
  const TaskId t = job.task;
  if (s.task != t) stage(s, t);
  const TileInfo& tile = cnn_.tiles[ix(t)];
  const Layer& layer = net_.layers[ix(tile.layer)];
  for (std::size_t i = 0; i < s.inputs.size(); ++i)
    if (s.covered[i] != s.inputs[i].region.elements())
      throw std::logic_error("functional mode: the reads of task '" + cnn_.graph.name(t) +
                             "' do not cover the input region it needs");
  std::vector<std::int64_t> weights;
  std::size_t offset = 0;
  const auto reads = cnn_.work.reads(t);
  for (std::size_t r = 0; r < reads.size(); offset += job.reads[r].bytes, ++r) {
    if (layout_.tiles[ix(reads.begin()[r].buffer)].kind != TileBuffer::Kind::kWeights) continue;
    const std::size_t n = job.reads[r].bytes / static_cast<std::size_t>(format_.bytes);
    weights.resize(n);
    for (std::size_t e = 0; e < n; ++e)
      weights[e] = load_element(read_data.data() + offset + e * format_.bytes, format_);
  }
  std::vector<std::int64_t> values =
      compute_tile(layer, format_, {tile.rows, tile.cols, tile.channels}, s.inputs, weights);
  if (write_data.size() != values.size() * static_cast<std::size_t>(format_.bytes))
    throw std::logic_error("functional mode: task '" + cnn_.graph.name(t) + "' writes " +
                           std::to_string(write_data.size()) + " bytes for a tile of " +
                           std::to_string(values.size()) + " elements");
  for (std::size_t e = 0; e < values.size(); ++e)
    store_element(write_data.data() + e * format_.bytes, values[e], format_);
  if (capture_all_) captured_.written[ix(t)] = std::move(values);
  s.task = -1;
}

}  // namespace cnnsched
