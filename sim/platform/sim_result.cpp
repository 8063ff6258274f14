#include <cnnsched/sim/platform/sim_result.hpp>

namespace cnnsched {

double pe_utilisation(const SimResult& r) {
  if (r.makespan <= 0 || r.num_pes <= 0) return 0;
  double busy = 0;
  for (const SimTaskTime& t : r.tasks)
    if (t.pe < r.num_pes) busy += static_cast<double>(t.finish - t.start);
  return busy / (static_cast<double>(r.num_pes) * static_cast<double>(r.makespan));
}

}  // namespace cnnsched
