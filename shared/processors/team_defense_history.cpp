#include "processors/team_defense_history.hpp"

#include <algorithm>
#include <map>

#include "phase3/table.hpp"

namespace nba {

TeamDefenseHistory build_team_defense_history(const Phase3Data& data) {
  const Table& t = data.table(tables::kTeamDefense);
  const auto& team = t.values("defending_team_abbr");
  const auto& date = t.values("game_date");
  auto col = [&](const char* n) -> const std::vector<std::int64_t>& { return t.values(n); };
  const auto &pm = col("opp_paint_makes"), &pa = col("opp_paint_attempts");
  const auto &mm = col("opp_mid_range_makes"), &ma = col("opp_mid_range_attempts");
  const auto &tm = col("opp_three_pt_makes"), &ta = col("opp_three_pt_attempts");
  const auto &pp = col("points_in_paint_allowed"), &bp = col("blocks_paint");
  const auto &bm = col("blocks_mid_range"), &bt = col("blocks_three_pt");
  const auto &pts = col("points_allowed"), &dr = col("defensive_rating"), &pace = col("opponent_pace");

  std::map<std::int64_t, std::vector<TeamDefenseGame>> by_team;  // string ids sort like strings
  for (std::size_t i = 0; i < t.rows(); ++i)
    by_team[team[i]].push_back({static_cast<Day>(date[i]), pm[i], pa[i], mm[i], ma[i], tm[i], ta[i], pp[i], bp[i],
                                bm[i], bt[i], pts[i], dr[i], pace[i]});
  TeamDefenseHistory h;
  for (auto& [id, games] : by_team) {
    std::sort(games.begin(), games.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    h.teams.push_back({std::string(data.strings.at(id)), std::move(games)});
  }
  return h;
}

}  // namespace nba
