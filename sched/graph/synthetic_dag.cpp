#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

#include <cnnsched/sched/graph/synthetic_dag.hpp>

namespace cnnsched {
namespace {

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  std::int64_t in(std::int64_t lo, std::int64_t hi) {  // uniform in [lo, hi]
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace

int synthetic_width(const SyntheticDagSpec& spec, int layer) {
  if (spec.halve_every <= 0) return spec.width;
  const int halvings = std::min(30, layer / spec.halve_every);
  return std::max(1, spec.width >> halvings);
}

namespace {

// Builds one synthetic graph; the steps draw from one generator in a fixed
// order, so a seed always gives the same graph.
class SyntheticBuilder {
 public:
  explicit SyntheticBuilder(const SyntheticDagSpec& spec) : spec_(spec), draw_(spec.seed) {
    std::vector<std::string> names;
    std::vector<int> classes;
    for (int p = 0; p < spec.processors; ++p) {
      names.push_back("PE" + std::to_string(p));
      classes.push_back(spec.heterogeneous ? p : 0);
    }
    out_.graph = TaskGraph(names, classes);
    first_.assign(static_cast<std::size_t>(spec.layers) + 1, 0);
    for (int l = 0; l < spec.layers; ++l)
      first_[static_cast<std::size_t>(l) + 1] =
          first_[static_cast<std::size_t>(l)] + synthetic_width(spec, l);
    const std::size_t tasks = first_.back();
    out_.graph.reserve(tasks, tasks * static_cast<std::size_t>(2 * spec.radius + 3));
    output_.resize(tasks);
  }

  SyntheticDag build() {
    add_tasks();
    add_inputs();
    for (int l = 0; l < spec_.layers; ++l) connect_layer(l);
    out_.graph.finalize();
    out_.buffers.finalize(out_.graph.num_tasks());
    return std::move(out_);
  }

 private:
  TaskId id(int layer, int i) const {
    return static_cast<TaskId>(first_[static_cast<std::size_t>(layer)] + i);
  }

  // The tiles of layer `from` that tile i of layer `to` covers.
  std::pair<int, int> covered(int from, int to, int i) const {
    const std::int64_t wf = synthetic_width(spec_, from), wt = synthetic_width(spec_, to);
    return std::make_pair(static_cast<int>(i * wf / wt),
                          static_cast<int>(std::max<std::int64_t>(i * wf / wt, (i + 1) * wf / wt - 1)));
  }

  void add_tasks() {
    std::vector<Time> costs(static_cast<std::size_t>(out_.graph.num_classes()));
    for (int l = 0; l < spec_.layers; ++l) {
      const Time base = draw_.in(spec_.min_cost, spec_.max_cost);
      for (int i = 0; i < synthetic_width(spec_, l); ++i) {
        for (std::size_t c = 0; c < costs.size(); ++c) {
          const Time spread = base * spec_.cost_jitter_percent / 100;
          // Heterogeneous PEs: class c runs (1 + c/4) times slower, plus the tile's jitter.
          costs[c] = std::max<Time>(0, base + base * static_cast<Time>(c) / 4 + draw_.in(-spread, spread));
        }
        out_.graph.add_task("L" + std::to_string(l) + "_t" + std::to_string(i), l, costs);
      }
    }
  }

  void add_inputs() {
    const int width0 = synthetic_width(spec_, 0);
    for (int i = 0; i < width0; ++i)
      input_.push_back(out_.buffers.add_buffer("in_t" + std::to_string(i),
                                               draw_.in(spec_.min_tile_bytes, spec_.max_tile_bytes)));
  }

  // Layer l's tasks: their outputs, weights, reads of the layer before (with
  // the radius of overlap) and the residual reads.
  void connect_layer(int l) {
    BufferPlan& plan = out_.buffers;
    const BufferId weights =
        spec_.weight_bytes > 0 ? plan.add_buffer("L" + std::to_string(l) + "_w", spec_.weight_bytes) : -1;
    for (int i = 0; i < synthetic_width(spec_, l); ++i) {
      const TaskId t = id(l, i);
      output_[static_cast<std::size_t>(t)] =
          plan.add_buffer(out_.graph.name(t) + "_out", draw_.in(spec_.min_tile_bytes, spec_.max_tile_bytes),
                          /*until_end=*/l + 1 == spec_.layers);
      plan.add_use(t, output_[static_cast<std::size_t>(t)]);
      if (weights >= 0) plan.add_use(t, weights);
      const int prev_width = l == 0 ? static_cast<int>(input_.size()) : synthetic_width(spec_, l - 1);
      const auto [lo, hi] = l == 0 ? std::make_pair(i, i) : covered(l - 1, l, i);
      for (int j = std::max(0, lo - spec_.radius); j <= std::min(prev_width - 1, hi + spec_.radius); ++j) {
        if (l == 0)
          plan.add_use(t, input_[static_cast<std::size_t>(j)]);
        else
          read_output(id(l - 1, j), t);
      }
      if (spec_.residual_every > 0 && l >= 2 && l % spec_.residual_every == 0)
        read_output(id(l - 2, covered(l - 2, l, i).first), t);
    }
  }

  void read_output(TaskId from, TaskId t) {
    const BufferId b = output_[static_cast<std::size_t>(from)];
    out_.graph.add_edge(from, t, draw_.in(0, spec_.max_comm), out_.buffers.buffer(b).bytes);
    out_.buffers.add_use(t, b);
  }

  const SyntheticDagSpec& spec_;
  Draw draw_;
  SyntheticDag out_;
  std::vector<std::size_t> first_;  // first task of each layer
  std::vector<BufferId> input_;
  std::vector<BufferId> output_;
};

}  // namespace

SyntheticDag make_synthetic_dag(const SyntheticDagSpec& spec) {
  if (spec.layers < 1 || spec.width < 1 || spec.radius < 0 || spec.processors < 1 || spec.min_cost < 0 ||
      spec.cost_jitter_percent < 0 || spec.max_comm < 0 || spec.min_tile_bytes < 0 || spec.weight_bytes < 0)
    throw std::invalid_argument("make_synthetic_dag: bad spec");
  return SyntheticBuilder(spec).build();
}

SyntheticDagSpec synthetic_spec_with_tasks(std::int64_t tasks, int processors, std::uint64_t seed) {
  SyntheticDagSpec spec;
  // Five stages of depth h, widths w, w/2, .., w/16 with w = 50 h: about 97 h^2 tasks.
  const int depth = std::max(1, static_cast<int>(std::lround(std::sqrt(static_cast<double>(tasks) / 97.0))));
  spec.layers = 5 * depth;
  spec.halve_every = depth;
  spec.width = std::max(1, static_cast<int>(static_cast<double>(tasks) / (depth * 1.9375)));
  spec.processors = processors;
  spec.residual_every = 3;
  spec.cost_jitter_percent = 0;
  spec.seed = seed;
  return spec;
}

}  // namespace cnnsched
