#include "processors/player_game_history.hpp"

#include <algorithm>
#include <map>

#include "phase3/table.hpp"

namespace nba {

PlayerGameHistory build_player_game_history(const Phase3Data& data) {
  const Table& t = data.table(tables::kPlayerGames);
  auto v = [&](const char* n) -> const std::vector<std::int64_t>& { return t.values(n); };
  const auto &lookup = v("player_lookup"), &upid = v("universal_player_id"), &gid = v("game_id");
  const auto &date = v("game_date"), &team = v("team_abbr"), &season = v("season_year");
  const auto& opp = v("opponent_team_abbr");
  const auto &pts = v("points"), &min = v("minutes_played"), &fga = v("fg_attempts"), &fgm = v("fg_makes");
  const auto &pa = v("paint_attempts"), &pm = v("paint_makes"), &ma = v("mid_range_attempts");
  const auto &mm = v("mid_range_makes"), &ta = v("three_pt_attempts"), &tm = v("three_pt_makes");
  const auto& ftm = v("ft_makes");
  const auto &ast = v("assisted_fg_makes"), &unast = v("unassisted_fg_makes"), &usage = v("usage_rate");
  const auto &ts = v("ts_pct"), &active = v("is_active"), &dnp = v("is_dnp");
  auto str = [&](std::int64_t id) { return id == kNull ? std::string() : data.strings.at(id); };

  std::map<std::int64_t, std::vector<PlayerGame>> by_player;  // string ids sort like strings
  for (std::size_t i = 0; i < t.rows(); ++i)
    by_player[lookup[i]].push_back({static_cast<Day>(date[i]), str(gid[i]), str(team[i]), str(opp[i]), str(upid[i]), season[i],
                                    pts[i], min[i], fga[i], fgm[i], pa[i], pm[i], ma[i], mm[i], ta[i], tm[i], ftm[i], ast[i],
                                    unast[i], usage[i], ts[i], active[i], dnp[i]});
  PlayerGameHistory h;
  h.players.reserve(by_player.size());
  for (auto& [id, games] : by_player) {
    sort_player_games(games);
    h.players.push_back({data.strings.at(id), std::move(games)});
  }
  return h;
}

void sort_player_games(std::vector<PlayerGame>& games) {
  // Import rejects duplicate player+date keys, so the tie rule only matters for
  // inputs built in memory; it keeps results independent of input row order.
  std::sort(games.begin(), games.end(), [](const PlayerGame& a, const PlayerGame& b) {
    return a.date != b.date ? a.date < b.date : a.game_id > b.game_id;
  });
}

std::pair<std::size_t, std::size_t> date_range(const std::vector<PlayerGame>& games, Day from, Day to) {
  auto lo = std::lower_bound(games.begin(), games.end(), from, [](const PlayerGame& g, Day d) { return g.date < d; });
  auto hi = std::lower_bound(lo, games.end(), to, [](const PlayerGame& g, Day d) { return g.date < d; });
  return {static_cast<std::size_t>(lo - games.begin()), static_cast<std::size_t>(hi - games.begin())};
}

}  // namespace nba

namespace nba {

const PlayerGame* game_on(const std::vector<PlayerGame>& games, Day d) {
  const auto [lo, hi] = date_range(games, d, d + 1);
  return lo == hi ? nullptr : &games[hi - 1];
}

}  // namespace nba

namespace nba {

RecentLoad recent_load(const std::vector<PlayerGame>& games, Day d) {
  RecentLoad r;
  const auto [lo, hi] = date_range(games, d - 14, d);
  for (std::size_t i = lo; i < hi; ++i) {
    const PlayerGame& g = games[i];
    const std::int64_t minutes = g.minutes_x10 == kNull ? 0 : g.minutes_x10;
    r.played_day_before = r.played_day_before || g.date == d - 1;
    ++r.games_14, r.minutes_14_x10 += minutes;
    if (g.date <= d - 7) continue;
    ++r.games_7, r.minutes_7_x10 += minutes;
    if (g.usage_rate_x100 != kNull) r.usage_7_sum_x100 += g.usage_rate_x100, ++r.usage_7_count;
  }
  return r;
}

}  // namespace nba
