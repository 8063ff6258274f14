#ifdef CNNSCHED_HAVE_ONNX
#include <filesystem>
#include <fstream>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/network/onnx_external_data.hpp>

namespace cnnsched {

namespace {

namespace fs = std::filesystem;

struct ExternalEntry {
  std::string location;
  std::int64_t offset = 0;
  std::int64_t length = -1;  // to the end of the file
};

InputError tensor_error(const std::string& model_path, const onnx::TensorProto& t,
                        const std::string& problem) {
  return InputError(model_path, "tensor '" + t.name() + "'", problem);
}

std::int64_t entry_number(const std::string& model_path, const onnx::TensorProto& t,
                          const onnx::StringStringEntryProto& e) {
  const std::string& v = e.value();
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    throw tensor_error(model_path, t,
                       "external data '" + e.key() + "' must be an integer >= 0, got '" + v + "'");
  return std::stoll(v);
}

ExternalEntry read_entry(const std::string& model_path, const onnx::TensorProto& t) {
  ExternalEntry entry;
  for (const auto& e : t.external_data()) {
    if (e.key() == "location") entry.location = e.value();
    if (e.key() == "offset") entry.offset = entry_number(model_path, t, e);
    if (e.key() == "length") entry.length = entry_number(model_path, t, e);
  }
  if (entry.location.empty()) throw tensor_error(model_path, t, "external data without a 'location'");
  return entry;
}

fs::path model_folder(const std::string& model_path) {
  const fs::path parent = fs::path(model_path).parent_path();
  std::error_code ec;
  const fs::path folder = fs::canonical(parent.empty() ? fs::path(".") : parent, ec);
  return ec ? fs::absolute(parent) : folder;
}

bool inside(const fs::path& folder, const fs::path& file) {
  const fs::path rel = file.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

// The canonical file of the tensor's location, inside the model's folder.
fs::path resolve(const std::string& model_path, const onnx::TensorProto& t, const ExternalEntry& entry) {
  const std::string allowed = "; allowed: a file inside the model's folder, named relative to it";
  const fs::path location(entry.location);
  if (location.is_absolute())
    throw tensor_error(model_path, t,
                       "external data location '" + entry.location + "' is absolute" + allowed);
  const fs::path folder = model_folder(model_path);
  const fs::path joined = (folder / location).lexically_normal();
  if (!inside(folder, joined))
    throw tensor_error(model_path, t,
                       "external data location '" + entry.location + "' leaves the model's folder" + allowed);
  std::error_code ec;
  const fs::path file = fs::canonical(joined, ec);
  if (ec || !fs::is_regular_file(file))
    throw tensor_error(
        model_path, t,
        "external data file '" + entry.location + "' does not exist next to the model" + allowed);
  if (!inside(folder, file))
    throw tensor_error(
        model_path, t,
        "external data location '" + entry.location + "' links out of the model's folder" + allowed);
  const auto size = static_cast<std::int64_t>(fs::file_size(file, ec));
  const std::int64_t end = entry.length < 0 ? size : entry.offset + entry.length;
  if (ec || entry.offset > size || end > size)
    throw tensor_error(model_path, t,
                       "external data file '" + entry.location + "' holds " + std::to_string(size) +
                           " bytes, fewer than offset + length = " + std::to_string(end));
  return file;
}

void resolve_tensor(const std::string& model_path, onnx::TensorProto& t) {
  if (t.data_location() != onnx::TensorProto::EXTERNAL) return;
  const fs::path file = resolve(model_path, t, read_entry(model_path, t));
  for (auto& e : *t.mutable_external_data())
    if (e.key() == "location") e.set_value(file.string());
}

}  // namespace

void resolve_external_data(const std::string& model_path, onnx::GraphProto& graph) {
  for (auto& t : *graph.mutable_initializer()) resolve_tensor(model_path, t);
  for (auto& node : *graph.mutable_node())
    for (auto& a : *node.mutable_attribute()) {
      if (a.has_t()) resolve_tensor(model_path, *a.mutable_t());
      for (auto& t : *a.mutable_tensors()) resolve_tensor(model_path, t);
    }
}

std::string read_external_data(const std::string& model_path, const onnx::TensorProto& tensor) {
  const ExternalEntry entry = read_entry(model_path, tensor);
  std::ifstream in(entry.location, std::ios::binary);
  if (!in) throw tensor_error(model_path, tensor, "cannot open external data file '" + entry.location + "'");
  in.seekg(entry.offset);
  std::string data;
  if (entry.length >= 0) {
    data.resize(static_cast<std::size_t>(entry.length));
    in.read(data.data(), entry.length);
  } else {
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (!in && entry.length >= 0)
    throw tensor_error(model_path, tensor, "cannot read external data file '" + entry.location + "'");
  return data;
}

}  // namespace cnnsched
#endif
