#pragma once
// The optional player-prop odds tables as MLFS reads them, and each player's
// market lookups on D (spec processors-mlfs-v2.md 3.1 vegas lines, 3.8
// multi-book disagreement, 3.9 prop line delta, 3.12 line movement, vig skew
// and late moves), the injury report (3.7 teammate usage) and the graded
// lines (3.10 prop history). Ties BigQuery leaves open (ambiguity A6) go to the
// bookmaker name, then the line, ascending; an even count of books takes the
// lower middle line as APPROX_QUANTILES' median (A5).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "processors/context_inputs.hpp"
#include "processors/mlfs/market_features.hpp"
#include "processors/player_game_history.hpp"

namespace nba {
struct Phase3Data;
}

namespace nba::mlfs {

struct OddsApiRow {
  std::string player_lookup, bookmaker;
  std::int64_t snapshot;                // microseconds
  std::int64_t minutes_before_tipoff;   // kNull = NULL
  double line, over_price, under_price;  // NaN = NULL
};

struct BettingProsRow {
  std::string player_lookup, market_type, bookmaker;
  std::int64_t created_at;
  double line, opening_line;  // NaN = NULL
};

struct MarketInputs {
  std::map<Day, std::vector<OddsApiRow>> odds_api;       // by game_date
  std::map<Day, std::vector<BettingProsRow>> bettingpros;  // by game_date
  // nbac_injury_report: (player_lookup, team) listed out or doubtful, by report_date, distinct.
  std::map<Day, std::vector<std::pair<std::string, std::string>>> out_or_doubtful;
  // prediction_accuracy: per player and game date, the highest graded line
  // (OVER/UNDER recommendations, line > 0, every system), x10.
  std::map<std::string, std::map<Day, std::int64_t>> graded_line_x10;
  // f54's consensus line per game date and player (the lower middle of the
  // books' latest pre-game lines), worked out once instead of for each of the
  // 15 dates whose window holds a date.
  std::map<Day, std::map<std::string, double>> consensus_line;
  bool has_odds() const { return !odds_api.empty() || !bettingpros.empty(); }
};

MarketInputs build_market_inputs(const Phase3Data& data);
// Fills consensus_line from odds_api (build_market_inputs does; code that
// fills odds_api by hand calls it afterwards).
void index_consensus_lines(MarketInputs& in);

// Every player with at least one odds value on D.
std::map<std::string, PlayerMarket> market_on(const MarketInputs& in, Day d);

// 47 (spec 3.7): per player of D's context rows, the summed recent usage of his
// team's players listed out or doubtful; players listed themselves, and teams
// without such a player with recent games, have none.
std::map<std::string, double> teammate_usage_on(const MarketInputs& in, const PlayerGameHistory& players,
                                                const std::vector<PlayerContextRow>& context_on_d, Day d);

// 55 and 56 (spec 3.10): the player's graded lines against his points in the 60
// days before D; set only where HEAD has them (10 newest graded games: 5 for
// the over rate, 3 of the newest 5 for the margin).
void add_prop_history(const MarketInputs& in, const PlayerGameHistory::Player& player, Day d, PlayerMarket& m);

}  // namespace nba::mlfs
