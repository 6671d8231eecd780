#pragma once
// source_<upstream>_hash (columns-parity.md 1.4): per date, the data_hash of the
// upstream row with the newest processed_at among the rows a date filter
// selects; ties (and every Phase 4 upstream, whose rows share the run's one
// timestamp) go to the smallest hash in byte order, rows without processed_at
// come last, rows without a hash are never picked. "" = NULL (no row matched,
// or the input has no data_hash column).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/civil_date.hpp"
#include "phase3/schema.hpp"
#include "phase3/table.hpp"

namespace nba {

struct Phase3Data;

// Width of a stored 16-hex data_hash (TDZA, PSZA, PCF and every Phase 3 table's;
// import refuses a longer Phase 3 hash, so a source hash always fits).
inline constexpr std::size_t kHashWidth = 16;

class SourceHashIndex {
 public:
  SourceHashIndex() = default;
  // Over one Phase 3 table's game_date, data_hash and processed_at columns.
  SourceHashIndex(const Phase3Data& data, std::string_view table);
  std::string on(Day d) const;                         // game_date = d
  std::string before(Day d) const;                     // game_date < d (every season)
  std::string between(Day from, Day to_exclusive) const;  // from <= game_date < to

  // The pick over game_date < d as processed_at and string id (in the pool of
  // the data the index was built from): what a season slice carries in.
  CarriedPick pick_before(Day d) const;

  // One row's candidacy: processed_at (microseconds, or the NULL sentinel) and
  // hash id (string-pool ids sort like the strings).
  struct Pick {
    std::int64_t processed_at;
    std::int64_t hash_id;  // < 0: none
  };

 private:
  // The texts of the picked hashes, by id: the engine outlives the Phase 3 data
  // (and its string pool) it was built from.
  std::unordered_map<std::int64_t, std::string> text_of_;
  std::vector<Day> dates_;    // ascending, the dates with at least one hashed row
  std::vector<Pick> best_;    // per date
  std::vector<Pick> prefix_;  // best over dates_[0..i] and the carried pick
  Pick carried_{kNull, -1};   // the rows before the data's first day (Phase3Data::carried_picks)
  std::string text(Pick p) const;
};

// The Phase 3 upstreams the Phase 4 tables name, built once per worker.
inline constexpr std::array<std::string_view, 5> kSourceHashTables = {
    tables::kPlayerGames, tables::kTeamDefense, tables::kTeamOffense, tables::kPlayerContext, tables::kTeamContext};
struct Phase3SourceHashes {
  SourceHashIndex player_games, team_defense, team_offense, player_context, team_context;
};
Phase3SourceHashes build_phase3_source_hashes(const Phase3Data& data);

// A Phase 4 upstream of date D: all its rows share the run's processed_at, so
// the pick is the smallest data_hash among them ("" when there are none).
template <typename Rows>
std::string smallest_data_hash(const Rows& rows) {
  const std::string* best = nullptr;
  for (const auto& r : rows)
    if (!r.data_hash.empty() && (!best || r.data_hash < *best)) best = &r.data_hash;
  return best ? *best : std::string();
}

}  // namespace nba
