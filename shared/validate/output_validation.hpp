#pragma once
// `validate`: the checks the original's operators ran by hand after a backfill
// (backfill-operations.md sections 1, 3 and 6), over a run's index and ledger
// against the Phase 3 input. Pure: fed tables already read (output/index_table.hpp);
// no MPI, no HDF5.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "ledger/run_ledger.hpp"
#include "output/index_table.hpp"

namespace nba {

// What Phase 3 says each selected game date should have.
struct Phase3Expectation {
  Day date;
  bool bootstrap = false;
  std::size_t games = 0;
  std::vector<std::string> players;  // player_game_summary's players of the date (sorted, distinct)
  // Of them, PSZA's entities: those with a qualifying game since opening night
  // (a player's first game of the season is not one; psza::is_entity).
  std::vector<std::string> psza_players;
  std::vector<std::string> teams;    // TDZA's entity set: teams with a defense game in [Oct 1, date)
};

// The index's tables (absent processors: empty tables) and the ledger's latest records.
struct ValidationOutput {
  std::map<std::string, IndexTable> tables;  // processor -> rows (only the columns the checks read)
  IndexTable failures;                       // processor, analysis_date, entity_id, failure_category
  const RunLedger* ledger = nullptr;
};

struct Finding {
  std::string severity;  // "error" (exit 3) or "warning" (listed; HEAD writes such rows too)
  std::string check, table, date, detail;
};

// One line of the operators' per-date table: Phase 3 players/games vs Phase 4 rows.
struct DateLine {
  Day date;
  bool bootstrap = false;
  std::size_t games = 0, players = 0, teams = 0;
  std::map<std::string, std::int64_t> rows;         // processor -> rows in the index
  std::map<std::string, std::int64_t> entities;     // processor -> rows + failure records (the ledger's count)
  std::map<std::string, std::string> status;        // processor -> latest ledger status (or "missing")
  std::map<std::string, std::int64_t> categories;   // failure category -> records (all processors)
  std::string flag;  // OK, BOOTSTRAP, INCOMPLETE (a processor not done), FINDINGS
};

struct ValidationReport {
  std::vector<DateLine> dates;
  std::vector<Finding> findings;
  bool has_errors() const;
};

// The processors' date and entity columns, as the index names them.
struct TableKeys {
  const char* processor;
  const char* date;
  const char* entity;
};
const std::vector<TableKeys>& validated_tables();

ValidationReport validate_output(const std::vector<Phase3Expectation>& expected, const ValidationOutput& output);

}  // namespace nba
