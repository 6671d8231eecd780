#include "store/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/system_info.hpp"

namespace nba {

namespace {
[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) fail("cannot open for fsync", path);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0 && errno != EINVAL) fail("fsync failed for", path);
}
}  // namespace

// Host and pid: on a shared folder two processes on different hosts can have
// the same pid (a worker declared lost may still finish and write its shard).
std::string temp_path_for(const std::string& final_path) {
  return final_path + ".tmp." + host_name() + "." + std::to_string(::getpid());
}

void start_writeback(const std::string& tmp_path) noexcept {
  const int fd = ::open(tmp_path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  ::close(fd);
}

void commit_temp_file(const std::string& tmp_path, const std::string& final_path) {
  try {
    fsync_path(tmp_path, O_RDONLY);
    if (std::rename(tmp_path.c_str(), final_path.c_str()) != 0) fail("cannot rename into place", final_path);
    std::string dir = std::filesystem::path(final_path).parent_path().string();
    if (dir.empty()) dir = ".";
    fsync_path(dir, O_RDONLY | O_DIRECTORY);
  } catch (...) {
    discard_temp_file(tmp_path);  // gone already if the rename succeeded
    throw;
  }
}

void write_text_atomically(const std::string& final_path, const std::string& text) {
  const std::string tmp = temp_path_for(final_path);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail("cannot create", tmp);
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) {
    const int saved = errno;
    discard_temp_file(tmp);
    errno = saved;
    fail("cannot write", tmp);
  }
  commit_temp_file(tmp, final_path);
}

void discard_temp_file(const std::string& tmp_path) noexcept { ::unlink(tmp_path.c_str()); }

bool is_temp_file_name(const std::string& name) {
  const auto tmp = name.find(".tmp.");
  const auto last_dot = name.rfind('.');
  if (tmp == std::string::npos || tmp == 0 || last_dot <= tmp + 5 || last_dot + 1 == name.size()) return false;
  for (std::size_t i = last_dot + 1; i < name.size(); ++i)
    if (name[i] < '0' || name[i] > '9') return false;
  return true;
}

std::vector<std::string> remove_abandoned_temp_files(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> removed;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code entry_ec;  // an entry that cannot be examined is left alone
    if (it->is_symlink(entry_ec)) {
      it.disable_recursion_pending();  // never leave the output folder
      continue;
    }
    if (!it->is_regular_file(entry_ec) || !is_temp_file_name(it->path().filename().string())) continue;
    if (fs::remove(it->path(), entry_ec)) removed.push_back(it->path().string());
  }
  return removed;
}

void check_output_file_path(const std::string& option, const std::string& path, const std::string& file_kind,
                            bool create_folder) {
  namespace fs = std::filesystem;
  std::error_code missing_is_fine;  // a file that does not exist yet is the usual case
  if (fs::is_directory(path, missing_is_fine))
    throw UsageError(option + " " + path + " is a directory; name " + file_kind);
  const fs::path folder = fs::absolute(path).parent_path();
  std::error_code ec;
  if (create_folder) fs::create_directories(folder, ec);
  if (ec || !fs::is_directory(folder) || ::access(folder.c_str(), W_OK) != 0)
    throw UsageError(option + " " + path + ": folder " + folder.string() +
                     (create_folder ? " cannot be created or is not writable" : " does not exist or is not writable") +
                     (ec ? " (" + ec.message() + ")" : ""));
}

}  // namespace nba
