#pragma once
// The run ledger: a durable record per (processor, date) of what happened to it,
// kept as an append-only JSON Lines file (<out>/ledger.jsonl) written by rank 0
// only. Each batch of records is appended with one write() and fsync'd, so a
// crash at any instant leaves every complete line readable; a torn final line
// (the only thing a crash can leave) is ignored on load. The latest record per
// (processor, date) is the current state.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nba {

namespace ledger_status {
inline constexpr const char* kDone = "done";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kSkippedBootstrap = "skipped_bootstrap";
inline constexpr const char* kNoGames = "no_games";
}  // namespace ledger_status

// Failure category -> count. Transparent (std::less<>): rank 0 counts a shard's
// failure records by category views without building a key string per record.
using FailureCounts = std::map<std::string, std::int64_t, std::less<>>;

struct LedgerRecord {
  std::string run_id, processor, date, status;
  std::int64_t rows = 0, entities = 0;
  FailureCounts failures;
  std::int64_t attempt = 1;
  double seconds = 0;  // compute + write seconds of the unit, shared by its dates
  std::string code_version, input_fingerprint, options_fingerprint;
  std::string shard;  // relative path of the shard holding the rows (done only)
  std::string shard_crc32;  // CRC-32 of the shard file when it was accepted (done only)
  std::string error;  // failed only
  bool bootstrap = false;  // a bootstrap date computed by `run --include-bootstrap` (MLFS only)
  bool preflight_skipped = false;  // written by a run started with --skip-preflight
};

class RunLedger {
 public:
  RunLedger() = default;
  // Loads <out>/ledger.jsonl if present. Throws InputError naming the line for a
  // corrupt line anywhere but at the very end.
  static RunLedger load(const std::string& out_dir);

  // Appends and fsyncs; fills in `attempt` from the records seen so far.
  void append(std::vector<LedgerRecord> records);

  const LedgerRecord* latest(const std::string& processor, const std::string& date) const;
  const std::map<std::pair<std::string, std::string>, LedgerRecord>& latest_all() const { return latest_; }
  std::size_t torn_lines_ignored() const { return torn_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::map<std::pair<std::string, std::string>, LedgerRecord> latest_;  // (processor, date)
  std::size_t torn_ = 0;
  std::size_t valid_bytes_ = 0;  // end of the last complete line: a torn tail is cut off before appending
};

}  // namespace nba
