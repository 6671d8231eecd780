#pragma once
// Bounds the page cache held by the files a run writes once and does not read
// again (rank 0's shards, once checked and checksummed).
//
// Why: a four-season rerun writes about 390 MB of shards, a 32-season one
// 2.6 GB. Left cached they push out the input store and every other file; and
// on a VM whose freed memory goes back to the host (free page reporting), each
// new cache page costs a host fault: on this project's machines, writing 100 MB
// files went from 60 ms to 300 ms each once about 1 GB of them was cached, and
// a 32-season run's shard writes took twice as long (bench/REPORT.md).
// The newest files stay cached up to the budget: the index build at the end of
// the run reads every shard's metadata again, and for an ordinary rerun that
// then costs no disk reads.
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace nba {

class WrittenFileCache {
 public:
  explicit WrittenFileCache(std::uint64_t budget_bytes) : budget_(budget_bytes) {}

  // Counts a just-written file against the budget; while the files held sum to
  // more than the budget, the oldest one's cached pages are dropped. A file
  // that cannot be examined is not counted. Never throws: a hint, no data changes.
  void admit(const std::string& path) noexcept;

  std::uint64_t held_bytes() const { return held_; }

 private:
  std::uint64_t budget_;
  std::uint64_t held_ = 0;
  std::deque<std::pair<std::string, std::uint64_t>> files_;  // oldest first
};

// Asks the kernel to drop a file's clean cached pages (posix_fadvise
// DONTNEED). Dirty pages stay until written back; a file that cannot be
// opened is left alone.
void release_cached_pages(const std::string& path) noexcept;

}  // namespace nba
