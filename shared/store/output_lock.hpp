#pragma once
// One run at a time per output folder. Two coordinators sharing a folder would
// both append to the ledger and rename shards over each other; instead the
// second one refuses at once, naming the run that holds the folder.
//
// The lock is flock() on <out>/.lock, held for the life of the object. The
// kernel drops it when the process dies however it dies (SIGKILL included),
// so a crashed run never leaves a stale lock behind. On NFS, Linux maps flock
// onto NFS byte-range locks, which every client sees. The file's text (run id,
// host, pid, start time) is only for the error message.
#include <string>

namespace nba {

class OutputLock {
 public:
  // Throws UsageError naming the holder when another process holds the lock.
  OutputLock(const std::string& out_dir, const std::string& run_id);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace nba
