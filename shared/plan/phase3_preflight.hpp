#pragma once
// The Phase 3 preflight of the original's backfill drivers, made blocking
// (backfill-operations.md row 12; decision 56):
//  - each of the five Phase 3 tables has rows on >= 95 % of the selected
//    non-bootstrap game dates (an all-bootstrap selection passes);
//  - PCF's check: no date where upcoming_player_game_context has players but
//    fewer than 90 % of player_game_summary's (a date without either passes).
// Pure: fed the columns it counts, no HDF5.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/civil_date.hpp"

namespace nba {

inline constexpr double kPreflightTableCoverage = 95.0;  // percent of dates, >= passes
inline constexpr double kPreflightContextRatio = 0.90;   // UPCG players / PGS players, >= passes

struct PreflightTable {
  std::string name;
  std::size_t covered = 0, expected = 0;
  std::vector<Day> missing;  // expected dates without rows
  double percent() const { return expected == 0 ? 100.0 : 100.0 * static_cast<double>(covered) / static_cast<double>(expected); }
  bool ok() const { return percent() >= kPreflightTableCoverage; }
};

struct PreflightContextDate {
  Day date;
  std::size_t context_players, box_score_players;
};

struct PreflightReport {
  std::vector<PreflightTable> tables;
  bool context_checked = false;  // PCF among the processors
  std::vector<PreflightContextDate> short_context;  // dates failing the 90 % rule
  bool ok() const;
};

// A table's game dates (one value per row; duplicates allowed).
struct PreflightTableDates {
  std::string name;
  std::vector<std::int64_t> dates;
};
// Player ids and dates of a table, row by row.
struct PreflightPlayers {
  std::vector<std::int64_t> players, dates;
};

// `expected`: the selected non-bootstrap game dates; `context_dates`: the dates
// PCF's check covers (every selected game date, bootstrap ones too); `context`
// empty = PCF not run, not checked.
PreflightReport phase3_preflight(const std::vector<PreflightTableDates>& tables, const std::vector<Day>& expected,
                                 const PreflightPlayers* box_scores, const PreflightPlayers* context,
                                 const std::vector<Day>& context_dates);

void print_preflight(std::ostream& os, const PreflightReport& report);

}  // namespace nba
