#pragma once
// The HDF5 input store: the validated Phase 3 tables as typed int64 columns,
// written once by `import` / `synth` and read a season slice at a time.
//
// Layout (format 5):
//   /tables/<table>/<column>   every row, sorted by the table's date (stable);
//                              string columns hold ids into their row's season pool
//   /strings/{bytes,offsets}   one sorted string pool per season, end to end
//   /blocks/...                per season: its rows in each table, its pool,
//                              its reach (processors/input_reach.hpp), the
//                              source-hash picks carried in from earlier rows,
//                              and a checksum of all of it (input_blocks.hpp)
//   /planning/{day,day_hash}   per-day input hashes (attr checksum)
//   root attrs: format_version, fingerprint (over the block checksums and /planning)
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "phase3/table.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

// 2: the fingerprint hash went to 8 bytes a step. 3: /planning (decision 47).
// 4: data_hash and processed_at of the Phase 3 tables.
// 5: season blocks, so a worker loads only the seasons its units read (decision 57).
inline constexpr std::int64_t kInputStoreFormat = 5;

// What the store keeps besides the rows, from the processors' rules
// (plan/store_writing.hpp computes it): the per-day input hashes rank 0 plans
// from, each season's reach, and per source-hash table and season the pick
// over every row dated before that season (CarriedPick, string ids of `data`).
struct StoreFacts {
  std::map<Day, std::uint64_t> day_hashes;
  std::map<int, int> season_reach;  // every season with a row in any table
  std::map<std::string, std::map<int, CarriedPick>, std::less<>> carried;
};
// Returns the store's fingerprint (hex), the one every reader checks.
std::string write_input_store(const std::string& path, const Phase3Data& data, const StoreFacts& facts);

struct InputBlocks;  // store/input_blocks.hpp

// An open input store. Opening reads only its block index and /planning
// (kilobytes) and checks them against the root fingerprint; each slice read
// checks its blocks' content against their checksums.
class InputStore {
 public:
  // Throws InputError if the file is not a readable input store of this format.
  explicit InputStore(const std::string& path);
  ~InputStore();
  InputStore(InputStore&&) noexcept;
  InputStore& operator=(InputStore&&) noexcept;

  const std::string& path() const { return path_; }
  const std::string& fingerprint_hex() const { return fingerprint_; }
  // Seasons with at least one row, ascending, and the earliest season each reads.
  const std::map<int, int>& season_reach() const;
  // The rows of seasons [first, last], with the source-hash picks of the rows
  // before `first` carried in (Phase3Data::carried_picks). Throws InputError on
  // content that does not match its checksum.
  Phase3Data read_seasons(int first, int last) const;
  // What a unit of `season` reads: seasons [reach(season), season].
  Phase3Data read_for_season(int season) const;
  Phase3Data read_all() const;
  // Rows of seasons [first, last] over every table: what reading them costs.
  std::size_t rows_in(int first, int last) const;

 private:
  std::string path_;
  std::string fingerprint_;
  h5::Handle file_;
  std::unique_ptr<InputBlocks> blocks_;
  std::map<int, int> reach_;
};

// InputStore(path).read_all(): every table, verified.
Phase3Data read_input_store(const std::string& path);

// What rank 0 plans an MPI run from, read without the tables' other columns:
// the schedule's dates and regular-season flags, the box scores' dates, the
// per-day input hashes written with the store, each season's reach and the
// store's fingerprint. The content itself is verified by the workers' slice reads.
struct PlanningInput {
  std::string fingerprint_hex;
  std::vector<std::int64_t> schedule_dates, schedule_is_regular;
  std::vector<std::int64_t> player_game_dates;
  std::map<Day, std::uint64_t> day_hashes;
  std::map<int, int> season_reach;
};
PlanningInput read_planning_input(const std::string& path);

// Some columns of one table (raw int64 values), read without the rest of the
// store: the Phase 3 preflight counts dates and players from them. A string
// column holds ids into its row's season pool: equal ids mean equal strings
// only between rows of one season.
std::vector<std::vector<std::int64_t>> read_store_columns(const std::string& path, const std::string& table,
                                                          const std::vector<std::string>& columns);

}  // namespace nba
