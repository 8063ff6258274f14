#pragma once
// Output files that are either complete or absent. An OutputFile writes to
// <path>.tmp.<pid> in the target's folder, checks every write, the flush and
// the close, and only commit() renames it into place; one never committed (an
// error, an exception unwinding, an interrupt) is removed. So a failed run
// leaves the previous run's file intact and no partial file behind.
// A target that exists and is not a regular file (/dev/null, /dev/full, a
// pipe) is written directly, never replaced.
// Every I/O error is an InputError naming the file and the OS reason (exit 2).
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace cnnsched {

class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(OutputFile&&) noexcept;
  OutputFile& operator=(OutputFile&&) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream();
  // Flushes and closes, checking both; idempotent. The file stays temporary.
  void close();
  // close(), then renames the file into place.
  void commit();
  const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// While an OutputBatch is alive (in this thread), a commit only closes the file
// and hands it to the batch; the batch's commit() renames them all at once, so
// a run that fails while writing its files replaces none of the last run's.
class OutputBatch {
 public:
  OutputBatch();
  ~OutputBatch();  // removes the files it holds unless committed
  OutputBatch(const OutputBatch&) = delete;
  OutputBatch& operator=(const OutputBatch&) = delete;
  void commit();
  // The batch of this thread, or nullptr.
  static OutputBatch* current();
  // Takes over a closed temporary file that commit() is to rename to target.
  void adopt(const std::string& temp, const std::string& target, const std::string& path);

 private:
  struct Entry {
    std::string temp, target, path;
    int slot;
  };
  std::vector<Entry> entries_;
  OutputBatch* outer_;
};

// Renames a closed temporary file into place now, or hands it to the current
// OutputBatch; an InputError naming `path` when the rename fails.
void place_output(const std::string& temp, const std::string& target, const std::string& path);

// Writes `text` to `path` through an OutputFile and commits it.
void write_output_file(const std::string& path, const std::string& text);

// Registers a temporary file that another writer creates (SystemC's VCD), so an
// interrupt removes it too. Unregisters on destruction, removing the file
// unless release() was called (after it was renamed into place).
class PendingPath {
 public:
  explicit PendingPath(const std::string& path);
  ~PendingPath();
  PendingPath(const PendingPath&) = delete;
  PendingPath& operator=(const PendingPath&) = delete;
  void release();

 private:
  int slot_ = -1;
  std::string path_;
};

// Async-signal-safe: removes every temporary file not yet committed and every
// folder registered with remember_created_folder() that is empty.
void remove_pending_outputs() noexcept;

// Notes a folder this run created, so a failed or interrupted run removes it
// again if it stays empty (remove_pending_outputs()).
void remember_created_folder(const std::string& dir);

// Throws InputError(path, "", "cannot write: " + strerror(err)).
[[noreturn]] void throw_write_error(const std::string& path, int err);

}  // namespace cnnsched
