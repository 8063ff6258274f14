// Output files are complete or absent, and input files are read within bounds
// and strictly (sched/io/output_file.hpp, input_file.hpp, json_document.hpp).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/input_file.hpp>
#include <cnnsched/sched/io/json_document.hpp>
#include <cnnsched/sched/io/output_file.hpp>

namespace cnnsched::output_file_test {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path d =
      fs::path(::testing::TempDir()) / ("cnnsched_out_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int entries(const fs::path& d) { return static_cast<int>(std::distance(fs::directory_iterator(d), {})); }

std::string input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

TEST(OutputFile, AppearsOnlyWhenCommitted) {
  const fs::path d = fresh_dir("commit");
  const std::string path = (d / "a.txt").string();
  std::ofstream(path) << "previous run";
  {
    OutputFile f(path);
    f.stream() << "new";
    f.close();
    EXPECT_EQ(slurp(path), "previous run");  // closed but not yet in place
    EXPECT_EQ(entries(d), 2);                // the temporary beside it
    f.commit();
  }
  EXPECT_EQ(slurp(path), "new");
  EXPECT_EQ(entries(d), 1);
}

TEST(OutputFile, AbandonedFileLeavesThePreviousOneAndNoTemporary) {
  const fs::path d = fresh_dir("abandon");
  const std::string path = (d / "a.txt").string();
  std::ofstream(path) << "previous run";
  try {
    OutputFile f(path);
    f.stream() << "half of the new";
    throw std::runtime_error("failure while writing");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(slurp(path), "previous run");
  EXPECT_EQ(entries(d), 1);
}

TEST(OutputFile, FullDeviceIsAnInputErrorWithTheReason) {
  const std::string msg = input_error([] {
    OutputFile f("/dev/full");
    f.stream() << "x";
    f.commit();
  });
  EXPECT_NE(msg.find("/dev/full: cannot write: No space left on device"), std::string::npos) << msg;
  EXPECT_TRUE(fs::is_character_file("/dev/full"));  // written to, never replaced
}

TEST(OutputFile, FolderOrMissingFolderIsRefused) {
  const fs::path d = fresh_dir("folder");
  EXPECT_NE(input_error([&] { OutputFile f(d.string()); }).find("it is a folder"), std::string::npos);
  EXPECT_NE(input_error([&] { OutputFile f((d / "absent" / "a.txt").string()); }).find("No such file"),
            std::string::npos);
}

TEST(OutputBatch, RenamesAllAtOnceOrNone) {
  const fs::path d = fresh_dir("batch");
  const std::string a = (d / "a.txt").string(), b = (d / "b.txt").string();
  std::ofstream(a) << "old a";
  std::ofstream(b) << "old b";
  {
    OutputBatch batch;
    write_output_file(a, "new a");
    EXPECT_EQ(slurp(a), "old a");  // held by the batch
  }                                // never committed: dropped
  EXPECT_EQ(slurp(a), "old a");
  EXPECT_EQ(entries(d), 2);
  {
    OutputBatch batch;
    write_output_file(a, "new a");
    write_output_file(b, "new b");
    batch.commit();
  }
  EXPECT_EQ(slurp(a), "new a");
  EXPECT_EQ(slurp(b), "new b");
  EXPECT_EQ(entries(d), 2);
}

TEST(OutputFile, InterruptCleanupRemovesTemporariesAndEmptyCreatedFolders) {
  const fs::path d = fresh_dir("interrupt");
  const fs::path created = d / "made";
  fs::create_directories(created / "inner");
  remember_created_folder(created.string());
  remember_created_folder((created / "inner").string());
  OutputFile f((created / "inner" / "a.txt").string());
  f.stream() << "partial";
  f.close();
  remove_pending_outputs();  // what the SIGINT/SIGTERM handler runs
  EXPECT_FALSE(fs::exists(created));
}

TEST(InputFile, FolderEndlessStreamAndMissingFileAreRefused) {
  EXPECT_NE(input_error([] { read_input_file("/tmp", 1 << 20, "a JSON file"); }).find("is a folder"),
            std::string::npos);
  const std::string endless = input_error([] { read_input_file("/dev/zero", 1 << 20, "an INI file"); });
  EXPECT_NE(endless.find("is larger than 1 MiB; allowed: an INI file of at most 1 MiB"), std::string::npos)
      << endless;
  EXPECT_NE(input_error([] {
              read_input_file("/nonexistent/x.json", 1 << 20, "a JSON file");
            }).find("/nonexistent/x.json: cannot open the file: No such file"),
            std::string::npos);
}

TEST(JsonDocument, DuplicateKeyIsRefusedWithItsPath) {
  const std::string msg = input_error([] {
    parse_json_document(R"({"tasks": [{"id": "a"}, {"id": "b", "cost": 1, "cost": 2}]})", "d.json");
  });
  EXPECT_NE(msg.find("d.json: field 'tasks[1].cost': is given twice"), std::string::npos) << msg;
}

TEST(JsonDocument, NumberBeyondDoubleRangeNamesTheField) {
  const std::string msg = input_error([] { parse_json_document(R"({"pes": [{"rate": 1e400}]})", "p.json"); });
  EXPECT_NE(msg.find("p.json: field 'pes[0].rate': the number '1e400' is beyond the range of a double"),
            std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("json.exception"), std::string::npos) << msg;
}

TEST(JsonDocument, SameKeyInDifferentObjectsIsFine) {
  const nlohmann::json doc =
      parse_json_document(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]})", "ok");
  EXPECT_EQ(doc["c"][1]["x"], 4);
}

}  // namespace
}  // namespace cnnsched::output_file_test
