// Turns the off-chip pass's record into a plan: the graph with the DMA
// channels and transfer tasks, one buffer per residency, the re-addressed work.
#include <cnnsched/sched/offchip/offchip_replay.hpp>

namespace cnnsched {

OffchipPlan plan_offchip(const OffchipRequest& request) {
  try {
    return OffchipReplay(request, true).run();
  } catch (const OffchipReplay::Fragmented&) {
    return OffchipReplay(request, false).run();
  }
}

OffchipPlan OffchipReplay::assemble() {
  OffchipPlan out;
  out.num_pes = pes_;
  assemble_graph(out);
  assemble_buffers(out);
  assemble_work(out);
  out.schedule.policy = req_.schedule->policy;
  out.schedule.capacity = req_.capacity;
  out.schedule.slots = compute_slots_;
  for (const DmaTask& d : dma_) out.schedule.slots.push_back(d.slot);
  out.schedule.order = start_order_;
  out.transfers.assign(ix(n_), Transfer{});
  for (const DmaTask& d : dma_) out.transfers.push_back(d.transfer);
  out.home = home_;
  if (place_) out.address = residency_address_;
  out.dram_bytes_used = static_cast<Bytes>(home_end_);
  return out;
}

std::string OffchipReplay::transfer_name(const DmaTask& d) const {
  return std::string(transfer_kind_name(d.transfer.kind)) + " " + bp_.buffer(d.transfer.data).name + " #" +
         std::to_string(d.transfer.residency);
}

void OffchipReplay::assemble_graph(OffchipPlan& out) const {
  std::vector<std::string> names;
  std::vector<int> classes;
  for (int p = 0; p < pes_; ++p) {
    names.push_back(g_.processor_name(p));
    classes.push_back(g_.processor_class(p));
  }
  const int dma_class = g_.num_classes();
  for (int c = 0; c < channels_; ++c) {
    names.push_back("dma" + std::to_string(c));
    classes.push_back(dma_class);
  }
  TaskGraph graph(names, classes);
  graph.reserve(ix(n_) + dma_.size(), ix(g_.num_edges()) + 2 * dma_.size() + uses_.size());
  std::vector<Time> costs(ix(dma_class) + 1, kCannotRun);
  for (TaskId t = 0; t < n_; ++t) {
    for (int c = 0; c < dma_class; ++c) costs[ix(c)] = g_.class_cost(t, c);
    costs[ix(dma_class)] = kCannotRun;
    graph.add_task(g_.name(t), g_.layer(t), costs);
  }
  std::fill(costs.begin(), costs.end(), kCannotRun);
  for (const DmaTask& d : dma_) {
    costs[ix(dma_class)] = d.slot.finish - d.slot.start;
    graph.add_task(transfer_name(d), -1, costs);
  }
  for (EdgeId e = 0; e < g_.num_edges(); ++e) {
    const Edge& edge = g_.edge(e);
    graph.add_edge(edge.from, edge.to, edge.comm_cost, edge.bytes);
  }
  for (std::size_t i = 0; i < dma_.size(); ++i) {
    const DmaTask& d = dma_[i];
    const TaskId id = n_ + static_cast<TaskId>(i);
    if (d.after >= 0) graph.add_edge(d.after, id, 0, d.transfer.bytes);
    if (!reads_dram(d.transfer.kind)) continue;
    for (TaskId user : residencies_[ix(d.transfer.residency)].users)  // a fill precedes its users
      if (user < n_) graph.add_edge(id, user, 0, d.transfer.bytes);
  }
  graph.finalize();
  out.graph = std::move(graph);
}

void OffchipReplay::assemble_buffers(OffchipPlan& out) const {
  std::vector<int> count(ix(bp_.num_buffers()), 0);
  for (const Residency& r : residencies_) {
    const std::string& name = bp_.buffer(r.data).name;
    const int k = ++count[ix(r.data)];
    const BufferId id = out.buffers.add_buffer(k == 1 ? name : name + "#" + std::to_string(k), bytes(r.data));
    for (TaskId u : r.users) out.buffers.add_use(u, id);
    out.data_of.push_back(r.data);
  }
  out.buffers.finalize(n_ + static_cast<TaskId>(dma_.size()));
}

void OffchipReplay::assemble_work(OffchipPlan& out) const {
  const TaskWork& w = *req_.work;
  auto residency = [&](TaskId t, BufferId b) {
    std::size_t u = task_use_off_[ix(t)];
    for (BufferId x : bp_.buffers_of(t)) {
      if (x == b) return residency_of_use_[u];
      ++u;
    }
    return BufferId{-1};
  };
  for (TaskId t = 0; t < n_; ++t) {
    std::vector<Access> reads;
    for (Access a : w.reads(t)) {
      a.buffer = residency(t, a.buffer);
      reads.push_back(a);
    }
    Access write = w.write(t);
    if (write.buffer >= 0) write.buffer = residency(t, write.buffer);
    out.work.add_task(w.macs(t), reads, write);
  }
  for (std::size_t i = 0; i < dma_.size(); ++i) out.work.add_task(0, {}, Access{});
}

}  // namespace cnnsched
