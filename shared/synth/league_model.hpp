#pragma once
// Box-score level records of a synthetic league, before they are shaped into
// Phase 3 tables. Integers everywhere a box score has integers; minutes in
// tenths; NULL-able fields use std::optional.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.hpp"

namespace nba::synth {

struct ScheduledGame {
  std::string nba_game_id;  // 002SSNNNNN / 004SSNNNNN
  Day date;
  int season_year;
  bool regular_season;
  int home, away;  // team indexes
  int home_points = 0, away_points = 0;
  int overtimes = 0;
  bool has_zones = true;
};

struct PlayerLine {
  int player;  // player index
  int team, opponent;
  std::size_t game;  // index into games
  bool active = true;
  std::int64_t minutes_x10 = 0;
  int points = 0, fga = 0, fgm = 0, fg3a = 0, fg3m = 0, fta = 0, ftm = 0;
  int oreb = 0, dreb = 0, ast = 0, stl = 0, blk = 0, tov = 0, pf = 0;
  int paint_a = 0, paint_m = 0, mid_a = 0, mid_m = 0;
  int assisted = 0;
  int blocks_paint = 0, blocks_mid = 0, blocks_three = 0;
};

struct TeamLine {
  int team, opponent;
  std::size_t game;
  bool home;
  int points = 0, fga = 0, fgm = 0, fg3a = 0, fg3m = 0, fta = 0, ftm = 0, oreb = 0, dreb = 0, ast = 0, stl = 0,
      blk = 0, tov = 0, pf = 0, paint_a = 0, paint_m = 0, mid_a = 0, mid_m = 0, blocks_paint = 0, blocks_mid = 0,
      blocks_three = 0;
  int minutes = 240;
};

struct Player {
  std::string lookup;
  std::string universal_id;
  std::string full_name;
  int birth_year;
};

struct League {
  std::vector<std::string> teams;  // tricodes
  std::vector<Player> players;
  std::vector<ScheduledGame> games;   // date order
  std::vector<PlayerLine> player_lines;  // game order
  std::vector<TeamLine> team_lines;      // game order, home first
};

struct SynthOptions {
  std::uint64_t seed = 20241022;
  int first_season = 2023;
  int seasons = 2;
  double roster_scale = 1.0;  // 4.0 = four times the players per team (cost-growth benchmarks)
};

League generate_league(const SynthOptions& options);

}  // namespace nba::synth
