#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <cnnsched/sched/errors.hpp>
#include <cnnsched/sched/io/input_file.hpp>

namespace cnnsched {

namespace {

std::string mebibytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Closes the descriptor however the read ends.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_input_file(const std::string& path, std::size_t max_bytes, const std::string& what) {
  const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw InputError(path, "", "cannot open the file: " + std::string(std::strerror(errno)));
  struct stat st {};
  if (::fstat(file.fd, &st) == 0 && S_ISDIR(st.st_mode))
    throw InputError(path, "", "is a folder; allowed: " + what);
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError(path, "", "cannot read the file: " + std::string(std::strerror(errno)));
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > max_bytes)
      throw InputError(path, "",
                       "is larger than " + mebibytes(max_bytes) + "; allowed: " + what + " of at most " +
                           mebibytes(max_bytes));
    data.append(buf, static_cast<std::size_t>(n));
  }
  return data;
}

}  // namespace cnnsched
