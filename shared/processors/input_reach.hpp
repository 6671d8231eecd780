#pragma once
// How far back the processors read: for each season S, the earliest season
// whose Phase 3 rows a date of S can depend on. A worker loads exactly the
// seasons [reach(S), S] for the units of S (store/input_store.hpp), so every
// look-back the processors make must be covered here; tests compare units
// computed from that slice with units computed from every row.
//
// Fixed windows reach at most one year before D (MLFS opponent history and
// games_expected), so never before Oct 1 of S-1: reach(S) <= S-1. Three
// look-backs count rows, not days, and go further when the data is thin:
//   - PDC's team pace/rating: a team's newest kTeamWindow TOGS games before D;
//   - PDC's games windows: whether a team has 10 schedule dates before D;
//   - PDC's season rows: PGS rows whose season_year column is S, at any date.
// The source-hash picks over every PGS/TOGS row before D have no reach at all;
// a slice carries their value in instead (Phase3Data::carried_picks).
#include <map>

namespace nba {

struct Phase3Data;

// season -> earliest season it reads, for every season with a row in any table.
std::map<int, int> season_reach(const Phase3Data& data);

}  // namespace nba
