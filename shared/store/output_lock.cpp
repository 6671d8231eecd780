#include "store/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/system_info.hpp"

namespace nba {

namespace {

std::string read_all(int fd) {
  std::string text;
  char buf[512];
  ssize_t n;
  ::lseek(fd, 0, SEEK_SET);
  while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

std::string holder_text(const std::string& run_id) {
  return "run " + run_id + " (pid " + std::to_string(::getpid()) + " on host " + host_name() + ", started " +
         utc_now_iso() + ")\n";
}

}  // namespace

OutputLock::OutputLock(const std::string& out_dir, const std::string& run_id) {
  const std::string path = out_dir + "/.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw UsageError("cannot open the lock file " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    const std::string holder = read_all(fd_);
    ::close(fd_);
    fd_ = -1;
    if (saved == EWOULDBLOCK)
      throw UsageError("output directory " + out_dir + " is in use by another run: " +
                       (holder.empty() ? std::string("(holder unknown)") : holder) +
                       ". Two runs on one folder would overwrite each other's shards and ledger; "
                       "wait for it to finish or stop it (SIGTERM), then rerun.");
    throw UsageError("cannot lock " + path + ": " + std::strerror(saved));
  }
  // Best effort: the holder's description for a second run's message.
  const std::string text = holder_text(run_id);
  if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, text.data(), text.size(), 0) < 0) {
    // The lock itself holds; only the description is missing.
  }
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace nba
