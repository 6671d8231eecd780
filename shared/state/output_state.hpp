#pragma once
// What an output folder holds, as the ledger and the shards on disk say, judged
// against the current inputs, options and code: which (processor, date) pairs are
// fresh, stale (inputs/options/code changed), failed or missing. Resume, the
// coverage and gaps commands, and the index all read it. Rank 0 only; no MPI.
#include <map>
#include <optional>
#include <set>
#include <ostream>
#include <string>
#include <vector>

#include "calendar/season_calendar.hpp"
#include "ledger/run_ledger.hpp"
#include "output/shard_reader.hpp"
#include "plan/input_fingerprints.hpp"

namespace nba {

enum class Condition { Fresh, Stale, Failed, Missing };
const char* condition_name(Condition c);

class OutputState {
 public:
  OutputState(std::string out_dir, std::string code_version, std::string options_fingerprint,
              const InputFingerprints& fingerprints);

  RunLedger& ledger() { return ledger_; }
  const RunLedger& ledger() const { return ledger_; }
  const std::string& out_dir() const { return out_dir_; }

  // Appends a unit's records to the ledger. `shard_written` (relative path) was
  // just rewritten, so what was known of it is forgotten; the shard the records
  // vouch for was checksummed just now, so the index rebuild need not read it again.
  void record(const std::string& shard_written, std::vector<LedgerRecord> records);

  Condition condition(const std::string& processor, Day d) const;
  // The worst condition over these processors (all when empty): Missing > Failed > Stale > Fresh.
  Condition condition(Day d, const std::vector<std::string>& processors = {}) const;

  // Rebuilds <out>/index.h5 from the latest done records: per table, the rows of
  // every date whose latest record for that processor is done, in date order.
  // Returns the number of dates indexed (for any processor).
  std::size_t rebuild_index(const std::vector<std::pair<std::string, std::string>>& root_attrs);

 private:
  // The record's shard opens, and its bytes still have the CRC recorded when it
  // was accepted (records from before checksums: opening is all we can check).
  bool shard_ok(const LedgerRecord& r) const;

  std::string out_dir_, code_version_, options_fingerprint_;
  const InputFingerprints& fingerprints_;
  RunLedger ledger_;
  struct ShardCheck {
    bool opens = false;
    std::string crc32;
    // Which (processor, date) pairs it holds: a record naming a shard that does
    // not hold its date (a hand-edited ledger) is not trusted (issue 20, defect
    // 11). Read from the shard (with where each date's rows lie, which the index
    // rebuild reuses), or, for a shard this run just recorded, from its records.
    std::optional<ShardRowRanges> rows;
    std::set<std::pair<std::string, std::string>> held;
  };
  mutable std::map<std::string, ShardCheck> shard_checks_;  // relative path -> what is on disk
};

struct ProcessorCoverage {
  int done = 0, zero_rows = 0, stale = 0, failed = 0, missing = 0;
  int bootstrap_done = 0;  // bootstrap dates computed by `run --include-bootstrap` (their rows count in `rows`)
  std::int64_t rows = 0, failure_records = 0;
};

struct SeasonCoverage {
  int season = 0;
  int game_dates = 0, bootstrap = 0;
  std::map<std::string, ProcessorCoverage> processors;
};

// Per season (and processor) over the dates with games in [from, to].
std::vector<SeasonCoverage> coverage(const OutputState& state, const SeasonCalendar& calendar,
                                     std::optional<Day> from = std::nullopt, std::optional<Day> to = std::nullopt);
void print_coverage(std::ostream& os, const std::vector<SeasonCoverage>& seasons);

struct Gap {
  Day date;
  Condition condition;
  std::vector<std::string> processors;  // the processors not fresh on that date
  std::string error;                    // last error when failed
};
// Non-bootstrap dates with games in [from, to] that are not fresh for every processor.
std::vector<Gap> find_gaps(const OutputState& state, const SeasonCalendar& calendar,
                           std::optional<Day> from = std::nullopt, std::optional<Day> to = std::nullopt);

}  // namespace nba
