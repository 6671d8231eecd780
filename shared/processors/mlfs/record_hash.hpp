#pragma once
// MLFS's data_hash (spec processors-mlfs-v2.md 4.8): HEAD's 16-hex field hash
// over 15 fields of the record before its quality fields are added, the
// `features` list as Python's str() of the unsanitized 64 values (None and
// nan where HEAD holds them) and `feature_names` as str() of the 60 names.
// A pure function of stored values, so the export renders it (decision 54).
#include <span>
#include <string>
#include <string_view>

namespace nba::mlfs {

struct HashedFields {
  std::string_view player_lookup, universal_player_id, game_date, game_id, opponent_team_abbr, data_source;
  bool is_home;
  double days_rest;  // NaN = NULL
  double feature_quality_score;
  std::span<const double> features;  // kFeatures, NaN = None or nan (missing_is_none)
};
std::string record_data_hash(const HashedFields& r);

}  // namespace nba::mlfs
