#pragma once
// Builders for player-level test inputs (PSZA / PDC golden cases).
#include <string>
#include <vector>

#include "phase3/table.hpp"
#include "processors/player_game_history.hpp"

namespace nba::test {

struct ShotLine {
  std::int64_t pa, pm, ma, mm, ta, tm, fgm, ast, unast;
};

// A played game with the given shooting line; every other field plausible.
inline PlayerGame shot_game(Day date, const ShotLine& s, const std::string& id = "") {
  PlayerGame g{};
  g.date = date;
  g.game_id = id.empty() ? format_iso_date(date) : id;
  g.team_abbr = "LAL";
  g.universal_player_id = "nba_1";
  g.season_year = season_year_of(date);
  g.points = 2 * (s.pm + s.mm) + 3 * s.tm;
  g.minutes_x10 = 300;
  g.fg_attempts = s.pa + s.ma + s.ta;
  g.fg_makes = s.fgm;
  g.paint_attempts = s.pa, g.paint_makes = s.pm, g.mid_range_attempts = s.ma, g.mid_range_makes = s.mm;
  g.three_pt_attempts = s.ta, g.three_pt_makes = s.tm, g.ft_makes = 2;
  g.assisted_fg_makes = s.ast, g.unassisted_fg_makes = s.unast;
  g.usage_rate_x100 = 2500, g.ts_pct_x1000 = 550;
  g.is_active = 1, g.is_dnp = 0;
  return g;
}

// n identical games every other day before `before` (newest = before - 2).
inline std::vector<PlayerGame> repeated_games(Day before, int n, const ShotLine& s) {
  std::vector<PlayerGame> out;
  for (int i = n; i >= 1; --i) out.push_back(shot_game(before - 2 * i, s));
  return out;
}

}  // namespace nba::test
