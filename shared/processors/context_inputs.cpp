#include "processors/context_inputs.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "core/rounding.hpp"

#include "phase3/row_groups.hpp"
#include "phase3/table.hpp"

namespace nba {

const std::vector<PlayerContextRow>& ContextInputs::context_on(Day d) const {
  static const std::vector<PlayerContextRow> kNone;
  const auto it = context_by_date.find(d);
  return it == context_by_date.end() ? kNone : it->second;
}

std::map<std::string, std::vector<TeamOffenseGame>> build_team_offense(const Phase3Data& data) {
  auto str = [&](std::int64_t id) { return id == kNull ? std::string() : std::string(data.strings.at(id)); };
  std::map<std::string, std::vector<TeamOffenseGame>> out;
  const Table& t = data.table(tables::kTeamOffense);
  const auto &team = t.values("team_abbr"), &date = t.values("game_date");
  const auto &pace = t.values("pace"), &rating = t.values("offensive_rating");
  const auto &season = t.values("season_year"), &win = t.values("win_flag");
  const auto& margin = t.values("margin_of_victory");
  for (std::size_t i = 0; i < t.rows(); ++i)
    out[str(team[i])].push_back(
        {static_cast<Day>(date[i]), pace[i], rating[i], season[i], win[i], margin[i]});
  for (auto& [k, games] : out)
    std::sort(games.begin(), games.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

TeamSchedule build_team_schedule(const Phase3Data& data) {
  auto str = [&](std::int64_t id) { return id == kNull ? std::string() : std::string(data.strings.at(id)); };
  const Table& t = data.table(tables::kSchedule);
  const auto &gid = t.values("game_id"), &date = t.values("game_date");
  const auto &home = t.values("home_team_tricode"), &away = t.values("away_team_tricode");
  std::map<std::string, std::set<Day>> per_team;
  std::set<Day> main_dates;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    const Day d = static_cast<Day>(date[i]);
    per_team[str(home[i])].insert(d);
    per_team[str(away[i])].insert(d);
    const std::string id = str(gid[i]);
    if (id.rfind("002", 0) == 0 || id.rfind("004", 0) == 0) main_dates.insert(d);
  }
  TeamSchedule out;
  for (auto& [team, dates] : per_team) out.by_team[team] = {dates.begin(), dates.end()};
  out.regular_or_playoff_dates = {main_dates.begin(), main_dates.end()};
  return out;
}

ContextInputs build_context_inputs(const Phase3Data& data) {
  ContextInputs in;
  auto str = [&](std::int64_t id) { return id == kNull ? std::string() : std::string(data.strings.at(id)); };
  {
    const Table& t = data.table(tables::kPlayerContext);
    auto v = [&](const char* n) -> const std::vector<std::int64_t>& { return t.values(n); };
    const auto &lookup = v("player_lookup"), &upid = v("universal_player_id"), &team = v("team_abbr");
    const auto &date = v("game_date"), &g7 = v("games_in_last_7_days"), &g14 = v("games_in_last_14_days");
    const auto &m7 = v("minutes_in_last_7_days"), &m14 = v("minutes_in_last_14_days");
    const auto &b2b = v("back_to_backs_last_14_days"), &avg7 = v("avg_minutes_per_game_last_7");
    const auto &q4 = v("fourth_quarter_minutes_last_7"), &age = v("player_age");
    const auto &gid = v("game_id"), &opp = v("opponent_team_abbr"), &phase = v("season_phase");
    const auto &status = v("player_status"), &rest = v("days_rest"), &b2b_today = v("back_to_back");
    const auto &home = v("home_game"), &opp_rest = v("opponent_days_rest"), &stars = v("star_teammates_out");
    const auto &proj = v("projected_usage_rate"), &usage7 = v("avg_usage_rate_last_7_games");
    const auto &pace_diff = v("pace_differential"), &opp_pace = v("opponent_pace_last_10");
    const auto &total = v("game_total"), &spread = v("game_spread");
    const auto &over = v("prop_over_streak"), &under = v("prop_under_streak");
    auto dec = [](std::int64_t x, int scale) {
      return x == kNull ? std::numeric_limits<double>::quiet_NaN() : decimal_to_double(x, scale);
    };
    // Deterministic order whatever the input row order: by date, then
    // player_lookup (required, and string ids sort like the strings), then
    // input order. Rows are built in that order instead of being sorted after.
    const auto order = rows_sorted_by(t.rows(), [&](std::uint32_t a, std::uint32_t b) {
      if (date[a] != date[b]) return date[a] < date[b];
      return lookup[a] != lookup[b] ? lookup[a] < lookup[b] : a < b;
    });
    for_each_group(order, [&](std::uint32_t i) { return date[i]; }, [&](std::span<const std::uint32_t> group) {
      auto& rows = in.context_by_date[static_cast<Day>(date[group.front()])];
      rows.reserve(group.size());
      for (const std::uint32_t i : group)
        rows.push_back({str(lookup[i]), str(upid[i]), str(team[i]), g7[i], g14[i], m7[i], m14[i], b2b[i],
                        dec(avg7[i], 1), q4[i], age[i], str(gid[i]), str(opp[i]), str(phase[i]), str(status[i]),
                        rest[i], b2b_today[i], home[i], opp_rest[i], stars[i], dec(proj[i], 2), dec(usage7[i], 2),
                        dec(pace_diff[i], 1), dec(opp_pace[i], 1), dec(total[i], 1), dec(spread[i], 1), over[i],
                        under[i]});
    });
  }
  in.team_offense = build_team_offense(data);
  TeamSchedule schedule = build_team_schedule(data);
  in.team_schedule = std::move(schedule.by_team);
  in.regular_or_playoff_dates = std::move(schedule.regular_or_playoff_dates);
  return in;
}

PlayerContextRow synthetic_context_row(const PlayerGameHistory::Player& p, const PlayerGame& today,
                                       const RecentLoad& load) {
  PlayerContextRow c{};
  c.player_lookup = p.player_lookup;
  c.universal_player_id = today.universal_player_id;
  c.team_abbr = today.team_abbr;
  c.games_in_last_7_days = load.games_7;
  // Minutes are CAST to INT64; the average is SUM/COUNT as NUMERIC, NULL coalesced to 0.
  c.minutes_in_last_7_days = bigquery_cast_int(load.minutes_7_x10, 1);
  c.avg_minutes_per_game_last_7 =
      load.games_7 == 0 ? 0.0 : bigquery_numeric_quotient(load.minutes_7_x10, 1, load.games_7);
  c.back_to_backs_last_14_days = 0;
  c.games_in_last_14_days = c.minutes_in_last_14_days = kNull;
  c.fourth_quarter_minutes_last_7 = c.player_age = kNull;
  return c;
}

}  // namespace nba
