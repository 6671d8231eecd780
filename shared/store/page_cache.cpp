#include "store/page_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nba {

void release_cached_pages(const std::string& path) noexcept {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

void WrittenFileCache::admit(const std::string& path) noexcept {
  try {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    const auto bytes = static_cast<std::uint64_t>(st.st_size);
    files_.emplace_back(path, bytes);
    held_ += bytes;
    while (held_ > budget_ && !files_.empty()) {
      release_cached_pages(files_.front().first);
      held_ -= files_.front().second;
      files_.pop_front();
    }
  } catch (...) {
    // Out of memory for the path: the file is simply not tracked.
  }
}

}  // namespace nba
