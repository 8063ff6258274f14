#include <stdexcept>

#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/traces/csv_field.hpp>
#include <cnnsched/sim/traces/timeline_csv.hpp>

namespace cnnsched {

std::string layer_of_task_name(const std::string& task_name) {
  return task_name.substr(0, task_name.find('['));
}

void write_timeline_csv(const std::string& path, const SimResult& result, const CnnGraph& cnn,
                        const TaskGraph& graph) {
  OutputFile file(path);
  std::ostream& out = file.stream();
  out << "task,layer,tile,pe,planned_start_ps,planned_finish_ps,actual_start_ps,actual_finish_ps,limit\n";
  const TaskGraph& g = graph;
  for (const SimTaskTime& t : result.tasks) {
    const std::string& name = g.name(t.task);
    std::string tile;
    if (static_cast<std::size_t>(t.task) < cnn.tiles.size()) {
      const TileInfo& ti = cnn.tiles[static_cast<std::size_t>(t.task)];
      tile = "r" + std::to_string(ti.row_slice) + "c" + std::to_string(ti.col_slice) + "k" +
             std::to_string(ti.channel_slice);
    }
    out << csv_field(name) << ',' << csv_field(layer_of_task_name(name)) << ',' << tile << ','
        << csv_field(g.processor_name(t.pe)) << ',' << t.planned_start << ',' << t.planned_finish << ','
        << t.start << ',' << t.finish << ',' << start_limit_name(t.limit) << '\n';
  }
  file.commit();
}

}  // namespace cnnsched
