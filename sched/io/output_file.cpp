#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <streambuf>
#include <sys/stat.h>
#include <vector>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/output_file.hpp>

namespace cnnsched {

namespace {

// Paths an interrupt must clean up. Fixed slots of malloc'ed strings so the
// signal handler reads them without locks or allocation.
constexpr std::size_t kSlots = 256;
std::array<std::atomic<char*>, kSlots> g_temp_files{};
std::array<std::atomic<char*>, 64> g_created_folders{};

template <std::size_t N>
int claim(std::array<std::atomic<char*>, N>& slots, const std::string& path) {
  char* copy = ::strdup(path.c_str());
  if (!copy) return -1;
  for (std::size_t i = 0; i < N; ++i) {
    char* empty = nullptr;
    if (slots[i].compare_exchange_strong(empty, copy)) return static_cast<int>(i);
  }
  std::free(copy);  // all taken: the file is still removed by its owner, only not on an interrupt
  return -1;
}

void drop(int slot) {
  if (slot >= 0) std::free(g_temp_files[static_cast<std::size_t>(slot)].exchange(nullptr));
}

}  // namespace

// Named, not anonymous: OutputFile::Impl (declared in the header) holds one.
namespace output_file_detail {

// A streambuf over a file descriptor that remembers the first write error.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  int error() const { return error_; }
  bool flush_all() {
    const char* p = pbase();
    while (error_ == 0 && p < pptr()) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        error_ = n < 0 ? errno : EIO;
      else
        p += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!flush_all()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush_all() ? 0 : -1; }

 private:
  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

}  // namespace output_file_detail

namespace {

using output_file_detail::FdBuffer;

// Where to write: a temporary beside the target, or the target itself when it
// is a device or pipe that must not be replaced.
bool writes_in_place(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  if (S_ISDIR(st.st_mode)) throw InputError(path, "", "cannot write: it is a folder, not a file");
  return !S_ISREG(st.st_mode);
}

// A symbolic link is followed, so the file it points to is replaced, not the link.
std::string resolved(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return path;
  std::string out = real;
  std::free(real);
  return out;
}

}  // namespace

void throw_write_error(const std::string& path, int err) {
  throw InputError(path, "", std::string("cannot write: ") + std::strerror(err));
}

struct OutputFile::Impl {
  std::string path, target, temp;
  int fd = -1;
  int slot = -1;
  bool committed = false;
  std::unique_ptr<FdBuffer> buffer;
  std::unique_ptr<std::ostream> stream;
};

OutputFile::OutputFile(const std::string& path) : impl_(std::make_unique<Impl>()) {
  Impl& f = *impl_;
  f.path = path;
  if (path.empty()) throw InputError("(empty file name)", "", "cannot write: a file name is needed");
  const bool in_place = writes_in_place(path);
  f.target = resolved(path);
  f.temp = in_place ? "" : f.target + ".tmp." + std::to_string(::getpid());
  if (!in_place) f.slot = claim(g_temp_files, f.temp);
  const std::string& open_path = in_place ? f.target : f.temp;
  const int flags = in_place ? O_WRONLY | O_CLOEXEC : O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  f.fd = ::open(open_path.c_str(), flags, 0666);
  if (f.fd < 0) {
    const int err = errno;
    drop(f.slot);
    throw_write_error(path, err);
  }
  f.buffer = std::make_unique<FdBuffer>(f.fd);
  f.stream = std::make_unique<std::ostream>(f.buffer.get());
}

OutputFile::~OutputFile() {
  if (!impl_) return;
  Impl& f = *impl_;
  if (f.fd >= 0) ::close(f.fd);
  if (!f.committed && !f.temp.empty()) ::unlink(f.temp.c_str());
  drop(f.slot);
}

OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&&) noexcept = default;

std::ostream& OutputFile::stream() { return *impl_->stream; }
const std::string& OutputFile::path() const { return impl_->path; }

void OutputFile::close() {
  Impl& f = *impl_;
  if (f.fd < 0) return;
  f.stream->flush();
  int err = f.buffer->flush_all() ? 0 : f.buffer->error();
  // A full disk may only show at fsync; devices and pipes cannot sync (EINVAL).
  if (err == 0 && ::fsync(f.fd) != 0 && errno != EINVAL && errno != EROFS) err = errno;
  if (::close(f.fd) != 0 && err == 0 && errno != EINTR) err = errno;
  f.fd = -1;
  if (err != 0) throw_write_error(f.path, err);
}

void OutputFile::commit() {
  close();
  Impl& f = *impl_;
  if (f.committed || f.temp.empty()) return;
  place_output(f.temp, f.target, f.path);
  f.committed = true;
}

namespace {
thread_local OutputBatch* t_batch = nullptr;
}  // namespace

OutputBatch::OutputBatch() : outer_(t_batch) { t_batch = this; }

OutputBatch::~OutputBatch() {
  t_batch = outer_;
  for (const Entry& e : entries_) {
    ::unlink(e.temp.c_str());
    drop(e.slot);
  }
}

OutputBatch* OutputBatch::current() { return t_batch; }

void OutputBatch::adopt(const std::string& temp, const std::string& target, const std::string& path) {
  entries_.push_back({temp, target, path, claim(g_temp_files, temp)});
}

void OutputBatch::commit() {
  t_batch = outer_;  // from here on, commits rename directly
  std::vector<Entry> entries = std::move(entries_);
  entries_.clear();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (::rename(entries[i].temp.c_str(), entries[i].target.c_str()) != 0) {
      const int err = errno;
      entries_.assign(entries.begin() + static_cast<std::ptrdiff_t>(i), entries.end());  // removed by ~
      throw_write_error(entries[i].path, err);
    }
    drop(entries[i].slot);
  }
}

void place_output(const std::string& temp, const std::string& target, const std::string& path) {
  if (OutputBatch* batch = OutputBatch::current()) {
    batch->adopt(temp, target, path);
    return;
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) throw_write_error(path, errno);
}

void write_output_file(const std::string& path, const std::string& text) {
  OutputFile file(path);
  file.stream() << text;
  file.commit();
}

PendingPath::PendingPath(const std::string& path) : slot_(claim(g_temp_files, path)), path_(path) {}

PendingPath::~PendingPath() {
  if (!path_.empty()) ::unlink(path_.c_str());
  drop(slot_);
}

void PendingPath::release() { path_.clear(); }

void remember_created_folder(const std::string& dir) { claim(g_created_folders, dir); }

void remove_pending_outputs() noexcept {
  for (auto& slot : g_temp_files)
    if (const char* p = slot.load()) ::unlink(p);
  // Innermost first: a folder created inside another must go before its parent.
  for (std::size_t i = g_created_folders.size(); i-- > 0;)
    if (const char* p = g_created_folders[i].load()) ::rmdir(p);
}

}  // namespace cnnsched
