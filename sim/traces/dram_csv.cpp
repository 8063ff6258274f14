#include <algorithm>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/traces/csv_field.hpp>
#include <cnnsched/sim/traces/dram_csv.hpp>

namespace cnnsched {

void write_dram_csv(const std::string& path, const SimResult& result, const OffchipPlan& offchip,
                    std::uint64_t dram_base) {
  std::vector<const SimTaskTime*> rows;
  for (const SimTaskTime& t : result.tasks)
    if (offchip.transfers[static_cast<std::size_t>(t.task)].kind != TransferKind::kNone) rows.push_back(&t);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const SimTaskTime* a, const SimTaskTime* b) { return a->start < b->start; });
  OutputFile file(path);
  std::ostream& out = file.stream();
  out << "task,kind,buffer,bytes,dram_address,channel,planned_start_ps,planned_finish_ps,start_ps,finish_"
         "ps\n";
  for (const SimTaskTime* t : rows) {
    const Transfer& x = offchip.transfers[static_cast<std::size_t>(t->task)];
    out << csv_field(offchip.graph.name(t->task)) << ',' << transfer_kind_name(x.kind) << ','
        << csv_field(offchip.buffers.buffer(x.residency).name) << ',' << x.bytes << ','
        << dram_base + x.dram_offset << ',' << t->pe - offchip.num_pes << ',' << t->planned_start << ','
        << t->planned_finish << ',' << t->start << ',' << t->finish << '\n';
  }
  file.commit();
}

}  // namespace cnnsched
