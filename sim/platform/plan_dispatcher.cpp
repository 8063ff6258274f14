#include <algorithm>
#include <limits>
#include <stdexcept>

#include <cnnsched/hw/sc_time_conv.hpp>
#include <cnnsched/sched/memory/first_fit_replay.hpp>
#include <cnnsched/sim/platform/plan_dispatcher.hpp>

namespace cnnsched {

PlanDispatcher::PlanDispatcher(sc_core::sc_module_name name, const Plan& plan, std::vector<Pe*> pes,
                               Scratchpad& scratchpad, std::uint64_t scratchpad_base, Dma* dma)
    : sc_core::sc_module(name),
      plan_(plan),
      pes_(std::move(pes)),
      dma_(dma),
      scratchpad_(scratchpad),
      base_(scratchpad_base),
      timed_wake_("timed_wake") {
  if (!plan_.schedule) throw std::invalid_argument("dispatcher: incomplete plan");
  check_plan(*plan_.schedule);
  load();
  for (std::size_t p = 0; p < pes_.size(); ++p) {
    pes_[p]->on_done = [this, p](const PeJob& job, sc_core::sc_time start, sc_core::sc_time finish) {
      completions_.push_back(
          {job.task, static_cast<int>(p), to_ps(start) - origin_, to_ps(finish) - origin_});
      wake_.notify(sc_core::SC_ZERO_TIME);
    };
  }
  if (dma_) {
    const int first = static_cast<int>(pes_.size());
    dma_->on_done = [this, first](int channel, const DmaDescriptor& d, sc_core::sc_time start,
                                  sc_core::sc_time finish) {
      completions_.push_back(
          {static_cast<TaskId>(d.tag), first + channel, to_ps(start) - origin_, to_ps(finish) - origin_});
      wake_.notify(sc_core::SC_ZERO_TIME);
    };
  }
  SC_THREAD(run);
}

bool PlanDispatcher::begin(const Schedule& schedule) {
  if (!plan_.wait_for_start || running_run_)
    throw std::logic_error("dispatcher: begin() needs wait_for_start and no run in progress");
  try {
    check_plan(schedule);
  } catch (const std::invalid_argument& e) {
    error_ = e.what();
    finished_ = false;
    return false;
  }
  loaded_ = schedule;
  plan_.schedule = &loaded_;
  origin_ = to_ps(sc_core::sc_time_stamp());
  load();
  running_run_ = true;
  start_.notify(sc_core::SC_ZERO_TIME);
  return true;
}

// Every per-run state from plan_.schedule, as at the start of a run.
void PlanDispatcher::load() {
  const TaskGraph& g = *plan_.graph;
  num_tasks_ = g.num_tasks();
  const std::size_t n = ix(num_tasks_);

  gate_ = plan_order(*plan_.schedule);
  gate_pos_ = 0;
  gate_rank_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) gate_rank_[ix(gate_[i])] = i;
  const std::size_t procs = ix(num_procs());
  pe_queue_.assign(procs, {});
  for (TaskId t : gate_) pe_queue_[ix(proc(t))].push_back(t);
  pe_next_.assign(procs, 0);
  pe_busy_.assign(procs, 0);
  pe_free_at_.assign(procs, 0);

  preds_left_.assign(n, 0);
  for (std::size_t t = 0; t < n; ++t)
    preds_left_[t] = static_cast<int>(g.in_edges(static_cast<TaskId>(t)).size());
  data_ready_at_.assign(n, 0);
  wake_scheduled_.assign(n, 0);
  layer_left_.assign(ix(std::max(g.num_layers(), 0)), 0);
  for (std::size_t t = 0; t < n; ++t)
    if (g.layer(static_cast<TaskId>(t)) >= 0) ++layer_left_[ix(g.layer(static_cast<TaskId>(t)))];
  layer_open_at_.assign(layer_left_.size() + 1, 0);
  first_open_layer_ = 0;
  while (first_open_layer_ < static_cast<int>(layer_left_.size()) && layer_left_[ix(first_open_layer_)] == 0)
    ++first_open_layer_;

  const BufferPlan& bp = *plan_.buffers;
  users_left_.resize(ix(bp.num_buffers()));
  for (BufferId b = 0; b < bp.num_buffers(); ++b) users_left_[ix(b)] = bp.num_users(b);
  allocated_.assign(ix(bp.num_buffers()), 0);
  local_address_.assign(ix(bp.num_buffers()), 0);
  blocked_since_.assign(n, -1);
  blocked_by_.assign(n, StartLimit::kNone);
  runs_.assign(n, TaskRun{});
  for (std::size_t t = 0; t < n; ++t) runs_[t].task = static_cast<TaskId>(t);

  completions_.clear();
  events_.clear();
  running_ = 0;
  done_ = 0;
  timed_.clear();
  in_use_ = 0;
  peak_ = 0;
  makespan_ = 0;
  finished_ = false;
  error_.clear();
  capacity_waits_ = {};
  allocator_waits_ = {};
  compactions_ = {};
}

void PlanDispatcher::check_plan(const Schedule& schedule) const {
  if (!plan_.graph || !plan_.buffers || !plan_.work)
    throw std::invalid_argument("dispatcher: incomplete plan");
  const TaskGraph& g = *plan_.graph;
  const BufferPlan& bp = *plan_.buffers;
  const TaskWork& w = *plan_.work;
  if (schedule.slots.size() != ix(g.num_tasks()) || w.num_tasks() != g.num_tasks())
    throw std::invalid_argument("dispatcher: schedule or work does not cover the graph's tasks");
  if (plan_.transfers && (!dma_ || plan_.transfers->size() != ix(g.num_tasks())))
    throw std::invalid_argument("dispatcher: an off-chip plan needs the DMA and a transfer per task");
  if (num_procs() != g.num_processors())
    throw std::invalid_argument("dispatcher: the graph has " + std::to_string(g.num_processors()) +
                                " processors but the accelerator " + std::to_string(pes_.size()) +
                                " PEs and " + std::to_string(num_procs() - static_cast<int>(pes_.size())) +
                                " DMA channels");
  auto check_access = [&](TaskId t, const Access& a, const char* what) {
    bool own = false;
    for (BufferId b : bp.buffers_of(t)) own = own || b == a.buffer;
    if (!own || a.offset < 0 || a.bytes <= 0 || a.offset + a.bytes > bp.buffer(a.buffer).bytes ||
        a.bytes > std::numeric_limits<std::uint32_t>::max())
      throw std::invalid_argument("dispatcher: task '" + g.name(t) + "' has a " + what +
                                  " outside the buffers it uses");
  };
  for (TaskId t = 0; t < g.num_tasks(); ++t) {
    const int p = schedule.slots[ix(t)].proc;
    if (p < 0 || p >= g.num_processors())
      throw std::invalid_argument("dispatcher: task '" + g.name(t) + "' is not placed on a PE");
    for (const Access& a : w.reads(t)) check_access(t, a, "read");
    if (w.write(t).buffer >= 0) check_access(t, w.write(t), "write");
  }
}

void PlanDispatcher::settle() {
  while (sc_core::sc_pending_activity_at_current_time()) wait(sc_core::SC_ZERO_TIME);
}

void PlanDispatcher::run() {
  if (!plan_.wait_for_start) {
    if (!dispatch()) sc_core::sc_stop();  // the standalone run: nothing else would end it
    return;
  }
  // SoC mode: one run per begin(); an error ends the run, never the simulation.
  for (;;) {
    wait(start_);
    if (!dispatch()) release_all(to_ps(sc_core::sc_time_stamp()) - origin_);  // free it for the next run
    running_run_ = false;
    done_event_.notify(sc_core::SC_ZERO_TIME);
  }
}

bool PlanDispatcher::dispatch() {
  if (before_run) before_run();
  for (;;) {
    settle();
    const Time now = to_ps(sc_core::sc_time_stamp()) - origin_;
    timed_.erase(timed_.begin(), timed_.upper_bound(now));
    process_completions(now);
    if (done_ == num_tasks_) {
      finish_run(now);
      return true;
    }
    start_ready(now);
    if (error_.empty() && running_ == 0 && completions_.empty() && timed_.empty()) {
      if (const Time move = compact(); move > 0) {
        wait(to_sc_time(move));
        continue;
      }
      error_ = describe_stall();
    }
    if (!error_.empty()) return false;
    wait(wake_ | timed_wake_.default_event());
  }
}

void PlanDispatcher::process_completions(Time now) {
  const TaskGraph& g = *plan_.graph;
  const BufferPlan& bp = *plan_.buffers;
  // Completions may be appended while we release (never in practice: releases do not wait).
  for (std::size_t i = 0; i < completions_.size(); ++i) {
    const Completion c = completions_[i];
    TaskRun& r = runs_[ix(c.task)];
    r.start = c.start;
    r.finish = c.finish;
    makespan_ = std::max(makespan_, c.finish);
    pe_busy_[ix(c.pe)] = 0;
    pe_free_at_[ix(c.pe)] = c.finish;
    --running_;
    ++done_;
    for (EdgeId e : g.out_edges(c.task)) {
      const Edge& edge = g.edge(e);
      --preds_left_[ix(edge.to)];
      const Time ready = c.finish + (proc(edge.to) == c.pe ? 0 : edge.comm_cost);
      data_ready_at_[ix(edge.to)] = std::max(data_ready_at_[ix(edge.to)], ready);
    }
    const int layer = g.layer(c.task);
    if (layer >= 0 && --layer_left_[ix(layer)] == 0) {
      while (first_open_layer_ < static_cast<int>(layer_left_.size()) &&
             layer_left_[ix(first_open_layer_)] == 0) {
        ++first_open_layer_;
        layer_open_at_[ix(first_open_layer_)] = now;
      }
    }
    for (BufferId b : bp.buffers_of(c.task)) {
      if (--users_left_[ix(b)] == 0 && !bp.buffer(b).until_end && allocated_[ix(b)]) release(b, c.task, now);
    }
  }
  completions_.clear();
}

bool PlanDispatcher::conditions_met(TaskId t, Time now) {
  const int p = proc(t);
  if (pe_busy_[ix(p)] || pe_next_[ix(p)] >= pe_queue_[ix(p)].size() || pe_queue_[ix(p)][pe_next_[ix(p)]] != t)
    return false;
  if (preds_left_[ix(t)] > 0) return false;
  const Time planned = plan_.transfers ? plan_.schedule->slots[ix(t)].start : 0;
  const Time not_before = std::max(data_ready_at_[ix(t)], planned);
  if (not_before > now) {
    if (!wake_scheduled_[ix(t)]) {
      wake_scheduled_[ix(t)] = 1;
      timed_.insert(not_before);
      timed_wake_.notify(to_sc_time(not_before - now));
    }
    return false;
  }
  const int layer = plan_.graph->layer(t);
  return !plan_.layer_barrier || layer < 0 || layer <= first_open_layer_;
}

void PlanDispatcher::start_ready(Time now) {
  if (plan_.capacity > 0) {
    // The bound is honoured the way the plan honoured it: allocations in plan order.
    while (gate_pos_ < gate_.size()) {
      const TaskId t = gate_[gate_pos_];
      if (!conditions_met(t, now) || !allocate_for(t, now)) break;
      launch(t, now);
      ++gate_pos_;
    }
    return;
  }
  // Tasks ready at once allocate in plan order, as replay_first_fit() replays it.
  std::vector<TaskId> ready;
  for (std::size_t p = 0; p < pe_queue_.size(); ++p) {
    if (pe_busy_[p] || pe_next_[p] >= pe_queue_[p].size()) continue;
    const TaskId t = pe_queue_[p][pe_next_[p]];
    if (conditions_met(t, now)) ready.push_back(t);
  }
  std::sort(ready.begin(), ready.end(),
            [&](TaskId a, TaskId b) { return gate_rank_[ix(a)] < gate_rank_[ix(b)]; });
  for (TaskId t : ready)
    if (allocate_for(t, now)) launch(t, now);
}

void PlanDispatcher::block(TaskId t, StartLimit why, Time now) {
  if (blocked_since_[ix(t)] < 0) blocked_since_[ix(t)] = now;
  blocked_by_[ix(t)] = why;
}

// Why t starts now: the condition met last, or the memory wait after that.
StartLimit PlanDispatcher::start_limit(TaskId t, Time now) const {
  const int p = proc(t);
  const int layer = plan_.graph->layer(t);
  const Time barrier = plan_.layer_barrier && layer >= 0 ? layer_open_at_[ix(layer)] : 0;
  const Time pe_free = pe_next_[ix(p)] > 0 ? pe_free_at_[ix(p)] : 0;
  const Time data = preds_left_[ix(t)] == 0 && !plan_.graph->in_edges(t).empty() ? data_ready_at_[ix(t)] : 0;
  const Time planned = plan_.transfers ? plan_.schedule->slots[ix(t)].start : 0;
  const Time ready = std::max({barrier, pe_free, data, planned});
  if (now > ready)
    return blocked_by_[ix(t)] == StartLimit::kNone ? StartLimit::kCommitOrder : blocked_by_[ix(t)];
  if (ready == 0) return StartLimit::kNone;
  if (data == ready) return StartLimit::kData;
  if (pe_free == ready) return StartLimit::kPe;
  return barrier == ready ? StartLimit::kBarrier : StartLimit::kPlanned;
}

void PlanDispatcher::launch_transfer(TaskId t) {
  const Transfer& x = (*plan_.transfers)[ix(t)];
  const std::uint64_t on_chip = base_ + local_address_[ix(x.residency)];
  const std::uint64_t off_chip = plan_.dram_base + x.dram_offset;
  DmaDescriptor d;
  d.tag = t;
  d.bytes = x.bytes;
  d.src = reads_dram(x.kind) ? off_chip : on_chip;
  d.dst = reads_dram(x.kind) ? on_chip : off_chip;
  dma_->submit(proc(t) - static_cast<int>(pes_.size()), d);
}

PeJob PlanDispatcher::pe_job(TaskId t) const {
  const TaskWork& w = *plan_.work;
  PeJob job;
  job.task = t;
  job.macs = w.macs(t);
  for (const Access& a : w.reads(t))
    job.reads.push_back({base_ + local_address_[ix(a.buffer)] + static_cast<std::uint64_t>(a.offset),
                         static_cast<std::uint32_t>(a.bytes)});
  if (w.write(t).buffer >= 0) {
    const Access& a = w.write(t);
    job.write = {base_ + local_address_[ix(a.buffer)] + static_cast<std::uint64_t>(a.offset),
                 static_cast<std::uint32_t>(a.bytes)};
  }
  return job;
}

void PlanDispatcher::launch(TaskId t, Time now) {
  const int p = proc(t);
  TaskRun& r = runs_[ix(t)];
  r.pe = p;
  r.start = now;
  r.limit = start_limit(t, now);
  if (blocked_since_[ix(t)] >= 0) {
    WaitStats& s = blocked_by_[ix(t)] == StartLimit::kAllocator ? allocator_waits_ : capacity_waits_;
    ++s.tasks;
    s.time += now - blocked_since_[ix(t)];
  }

  pe_busy_[ix(p)] = 1;
  ++pe_next_[ix(p)];
  ++running_;
  if (p >= static_cast<int>(pes_.size())) {
    launch_transfer(t);
  } else {
    pes_[ix(p)]->start(pe_job(t));
  }
}

void PlanDispatcher::finish_run(Time now) {
  if (after_run) after_run();
  release_all(now);
  finished_ = true;
  // SystemC writes a time step to the VCD only when time advances past it: one
  // more picosecond lets the makespan's releases and idle PEs reach the traces.
  // No sc_stop(): the run ends when activity runs out.
  wait(sc_core::sc_time(1, sc_core::SC_PS));
}

std::string PlanDispatcher::describe_stall() const {
  const TaskGraph& g = *plan_.graph;
  const BufferPlan& bp = *plan_.buffers;
  std::string why = "simulation stalled at " + std::to_string(to_ps(sc_core::sc_time_stamp()) - origin_) +
                    " ps with " + std::to_string(num_tasks_ - done_) + " of " + std::to_string(num_tasks_) +
                    " tasks not done and nothing running;";
  for (std::size_t p = 0; p < pe_queue_.size(); ++p) {
    if (pe_next_[p] >= pe_queue_[p].size()) continue;
    const TaskId t = pe_queue_[p][pe_next_[p]];
    why += " " + g.processor_name(static_cast<int>(p)) + " waits to run '" + g.name(t) + "'";
    if (preds_left_[ix(t)] > 0) {
      why += " (" + std::to_string(preds_left_[ix(t)]) + " predecessors not done)";
    } else if (blocked_by_[ix(t)] == StartLimit::kCapacity || blocked_by_[ix(t)] == StartLimit::kAllocator) {
      Bytes need = 0;
      for (BufferId b : bp.buffers_of(t))
        if (!allocated_[ix(b)]) need += bp.buffer(b).bytes;
      why += " (needs " + std::to_string(need) + " bytes; " + std::to_string(in_use_) + " in use";
      if (plan_.capacity > 0) why += ", bound " + std::to_string(plan_.capacity);
      why += ", largest free hole " + std::to_string(scratchpad_.allocator().largest_free()) + ")";
    } else if (plan_.capacity > 0 && gate_pos_ < gate_.size() && gate_[gate_pos_] != t) {
      why += " (behind '" + g.name(gate_[gate_pos_]) + "' in the plan's allocation order)";
    }
    why += ";";
  }
  return why;
}

}  // namespace cnnsched
