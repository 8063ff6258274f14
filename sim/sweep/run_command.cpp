#include <iostream>
#include <sstream>

#include <cnnsched/sched/error_exit.hpp>
#include <cnnsched/sched/io/json_fields.hpp>
#include <cnnsched/sched/io/output_file.hpp>
#include <cnnsched/sim/sweep/point_result.hpp>
#include <cnnsched/sim/sweep/run_command.hpp>

namespace cnnsched {

namespace {

void write_result(const nlohmann::json& result, const std::string& out_path) {
  const std::string text = result.dump(1) + "\n";
  if (out_path.empty())
    std::cout << text;
  else
    write_output_file(out_path, text);
}

}  // namespace

int capture_errors(const std::string& tool, const std::function<int()>& body, std::string& message) {
  std::ostringstream captured;
  std::streambuf* old = std::cerr.rdbuf(captured.rdbuf());
  const int code = report_errors(tool.c_str(), body);
  std::cerr.rdbuf(old);
  message = captured.str();
  std::cerr << message;
  while (!message.empty() && message.back() == '\n') message.pop_back();
  const std::string prefix = tool + ": ";
  if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
  return code;
}

int run_point_command(const std::string& tool, const std::string& point_path, const std::string& out_path,
                      bool record_failure) {
  nlohmann::json point;
  auto body = [&] {
    point = read_json_file(point_path);
    write_result(run_point(point, point_path, false), out_path);
    return 0;
  };
  if (!record_failure) return report_errors(tool.c_str(), body);
  std::string message;
  const int code = capture_errors(tool, body, message);
  if (code == 0) return 0;
  return report_errors(tool.c_str(), [&] {
    write_result(failed_point_result(point, code, message), out_path);
    return 0;
  });
}

}  // namespace cnnsched
