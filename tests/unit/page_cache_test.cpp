// WrittenFileCache: the page cache held by the shards a run wrote stays within
// its budget, oldest released first (store/page_cache.hpp).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "store/page_cache.hpp"
#include "test_support.hpp"

namespace nba {
namespace {

constexpr std::size_t kFileBytes = 256 * 1024;

// Writes the file and flushes it: only clean pages can be dropped.
void write_durably(const std::string& path) {
  test::write_text(path, std::string(kFileBytes, 'x'));
  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0) << path;
  ASSERT_EQ(::fsync(fd), 0) << path;
  ::close(fd);
}

std::size_t resident_pages(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return 0;
  void* map = ::mmap(nullptr, kFileBytes, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> in_core((kFileBytes + page - 1) / page);
  std::size_t n = 0;
  if (::mincore(map, kFileBytes, in_core.data()) == 0)
    for (unsigned char c : in_core) n += c & 1;
  ::munmap(map, kFileBytes);
  return n;
}

TEST(WrittenFileCache, HoldsAtMostItsBudgetReleasingTheOldestFirst) {
  test::TempDir dir;
  WrittenFileCache cache(2 * kFileBytes + kFileBytes / 2);
  for (const char* name : {"1", "2", "3"}) {
    write_durably(dir.file(name));
    cache.admit(dir.file(name));
  }
  EXPECT_EQ(cache.held_bytes(), 2 * kFileBytes);  // the third pushed the first out

  // Whether the kernel honours the advice depends on the filesystem (tmpfs
  // keeps its pages: they are the file). Check the control first.
  write_durably(dir.file("control"));
  release_cached_pages(dir.file("control"));
  if (resident_pages(dir.file("control")) != 0)
    GTEST_SKIP() << "this filesystem keeps a file's pages after POSIX_FADV_DONTNEED; "
                    "the budget's accounting was checked, the release cannot be";
  EXPECT_EQ(resident_pages(dir.file("1")), 0u) << "the oldest file was not released";
  EXPECT_GT(resident_pages(dir.file("3")), 0u) << "the newest file was released too";
}

TEST(WrittenFileCache, AFileThatCannotBeExaminedIsNotCounted) {
  test::TempDir dir;
  WrittenFileCache cache(kFileBytes);
  cache.admit(dir.file("never-written"));
  EXPECT_EQ(cache.held_bytes(), 0u);
  write_durably(dir.file("a"));
  cache.admit(dir.file("a"));
  EXPECT_EQ(cache.held_bytes(), kFileBytes);
}

}  // namespace
}  // namespace nba
