#include <stdexcept>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/traces/csv_field.hpp>
#include <cnnsched/sim/traces/memory_csv.hpp>

namespace cnnsched {

void write_memory_csv(const std::string& path, const SimResult& result, const TaskGraph& graph,
                      const BufferPlan& buffers) {
  OutputFile file(path);
  std::ostream& out = file.stream();
  out << "time_ps,bytes_in_use,event,task,buffer,address,bytes,from_address\n";
  for (const SimMemoryEvent& e : result.memory_events) {
    out << e.time << ',' << e.in_use << ','
        << (e.move    ? "move"
            : e.alloc ? "alloc"
                      : "free")
        << ',' << (e.task >= 0 ? csv_field(graph.name(e.task)) : "") << ','
        << csv_field(buffers.buffer(e.buffer).name) << ',' << e.address << ',' << e.bytes << ',';
    if (e.move) out << e.from_address;
    out << '\n';
  }
  file.commit();
}

}  // namespace cnnsched
