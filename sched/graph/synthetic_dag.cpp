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

SyntheticDag make_synthetic_dag(const SyntheticDagSpec& spec) {
  if (spec.layers < 1 || spec.width < 1 || spec.radius < 0 || spec.processors < 1 || spec.min_cost < 0 ||
      spec.cost_jitter_percent < 0 || spec.max_comm < 0 || spec.min_tile_bytes < 0 || spec.weight_bytes < 0)
    throw std::invalid_argument("make_synthetic_dag: bad spec");
  Draw draw(spec.seed);
  std::vector<std::string> names;
  std::vector<int> classes;
  for (int p = 0; p < spec.processors; ++p) {
    names.push_back("PE" + std::to_string(p));
    classes.push_back(spec.heterogeneous ? p : 0);
  }
  SyntheticDag out{TaskGraph(names, classes), BufferPlan{}};
  TaskGraph& g = out.graph;
  BufferPlan& plan = out.buffers;
  std::vector<std::size_t> first(static_cast<std::size_t>(spec.layers) + 1, 0);  // first task of each layer
  for (int l = 0; l < spec.layers; ++l)
    first[static_cast<std::size_t>(l) + 1] = first[static_cast<std::size_t>(l)] + synthetic_width(spec, l);
  const std::size_t tasks = first.back();
  g.reserve(tasks, tasks * static_cast<std::size_t>(2 * spec.radius + 3));
  const auto id = [&](int layer, int i) {
    return static_cast<TaskId>(first[static_cast<std::size_t>(layer)] + i);
  };
  // The tiles of layer `from` that tile i of layer `to` covers.
  const auto covered = [&](int from, int to, int i) {
    const std::int64_t wf = synthetic_width(spec, from), wt = synthetic_width(spec, to);
    return std::make_pair(static_cast<int>(i * wf / wt),
                          static_cast<int>(std::max<std::int64_t>(i * wf / wt, (i + 1) * wf / wt - 1)));
  };

  std::vector<Time> costs(static_cast<std::size_t>(g.num_classes()));
  for (int l = 0; l < spec.layers; ++l) {
    const Time base = draw.in(spec.min_cost, spec.max_cost);
    for (int i = 0; i < synthetic_width(spec, l); ++i) {
      for (std::size_t c = 0; c < costs.size(); ++c) {
        const Time spread = base * spec.cost_jitter_percent / 100;
        // Heterogeneous PEs: class c runs (1 + c/4) times slower, plus the tile's jitter.
        costs[c] = std::max<Time>(0, base + base * static_cast<Time>(c) / 4 + draw.in(-spread, spread));
      }
      g.add_task("L" + std::to_string(l) + "_t" + std::to_string(i), l, costs);
    }
  }
  const int width0 = synthetic_width(spec, 0);
  std::vector<BufferId> input(static_cast<std::size_t>(width0));
  for (int i = 0; i < width0; ++i)
    input[static_cast<std::size_t>(i)] =
        plan.add_buffer("in_t" + std::to_string(i), draw.in(spec.min_tile_bytes, spec.max_tile_bytes));
  std::vector<BufferId> output(tasks);
  for (int l = 0; l < spec.layers; ++l) {
    const BufferId weights =
        spec.weight_bytes > 0 ? plan.add_buffer("L" + std::to_string(l) + "_w", spec.weight_bytes) : -1;
    const int width = synthetic_width(spec, l);
    for (int i = 0; i < width; ++i) {
      const TaskId t = id(l, i);
      output[static_cast<std::size_t>(t)] =
          plan.add_buffer(g.name(t) + "_out", draw.in(spec.min_tile_bytes, spec.max_tile_bytes),
                          /*until_end=*/l + 1 == spec.layers);
      plan.add_use(t, output[static_cast<std::size_t>(t)]);
      if (weights >= 0) plan.add_use(t, weights);
      const int prev_width = l == 0 ? width0 : synthetic_width(spec, l - 1);
      const auto [lo, hi] = l == 0 ? std::make_pair(i, i) : covered(l - 1, l, i);
      for (int j = std::max(0, lo - spec.radius); j <= std::min(prev_width - 1, hi + spec.radius); ++j) {
        if (l == 0) {
          plan.add_use(t, input[static_cast<std::size_t>(j)]);
        } else {
          const TaskId from = id(l - 1, j);
          const Bytes bytes = plan.buffer(output[static_cast<std::size_t>(from)]).bytes;
          g.add_edge(from, t, draw.in(0, spec.max_comm), bytes);
          plan.add_use(t, output[static_cast<std::size_t>(from)]);
        }
      }
      if (spec.residual_every > 0 && l >= 2 && l % spec.residual_every == 0) {
        const TaskId from = id(l - 2, covered(l - 2, l, i).first);
        g.add_edge(from, t, draw.in(0, spec.max_comm),
                   plan.buffer(output[static_cast<std::size_t>(from)]).bytes);
        plan.add_use(t, output[static_cast<std::size_t>(from)]);
      }
    }
  }
  g.finalize();
  plan.finalize(g.num_tasks());
  return out;
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
