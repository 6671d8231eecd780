#pragma once
// Bounds the page cache held by the files a run writes once and does not read
// again (rank 0's shards, once checked and checksummed).
//
// Why: a four-season rerun writes about 390 MB of shards, a 32-season one
// 2.6 GB. Left cached they push out the input store and every other file. On
// this project's VMs it is worse: writing 100 MB files went from 60 ms to
// 300 ms each once 0.8 to 1.7 GB of them was cached, and a 32-season run's
// shard writes took up to twice as long (decision 50, bench/REPORT.md). The
// likely reason: the guest hands freed memory back to its host (free page
// reporting), so each cache page the kernel has not used lately costs a host
// fault too.
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
