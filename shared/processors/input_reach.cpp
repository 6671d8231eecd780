#include "processors/input_reach.hpp"

#include <algorithm>
#include <set>

#include "phase3/table.hpp"
#include "processors/context_inputs.hpp"
#include "processors/pdc.hpp"

namespace nba {

namespace {

// The season of the k-th newest of `dates` (ascending) before `before`, or of
// the oldest when fewer than k precede it; `fallback` when none does.
template <typename Dates, typename DateOf>
int season_of_kth_newest(const Dates& dates, Day before, std::size_t k, int fallback, DateOf date_of) {
  const auto end = std::lower_bound(dates.begin(), dates.end(), before,
                                    [&](const auto& x, Day d) { return date_of(x) < d; });
  const auto n = static_cast<std::size_t>(end - dates.begin());
  if (n == 0) return fallback;
  return season_year_of(date_of(*(end - static_cast<std::ptrdiff_t>(std::min(n, k)))));
}

// PDC's games windows ask whether a team has at least this many schedule dates before D.
constexpr std::size_t kScheduleGamesWindow = 10;

}  // namespace

std::map<int, int> season_reach(const Phase3Data& data) {
  std::set<int> seasons;
  for (const auto& t : data.tables)
    for (const std::int64_t d : t.values(phase3_table_spec(t.name()).date_column))
      if (d != kNull) seasons.insert(season_year_of(static_cast<Day>(d)));
  // Seasons of the PGS rows labelled with each season_year.
  std::map<std::int64_t, int> earliest_of_label;
  {
    const Table& pgs = data.table(tables::kPlayerGames);
    const auto &label = pgs.values("season_year"), &date = pgs.values("game_date");
    for (std::size_t i = 0; i < pgs.rows(); ++i) {
      const int s = season_year_of(static_cast<Day>(date[i]));
      const auto [it, inserted] = earliest_of_label.emplace(label[i], s);
      if (!inserted) it->second = std::min(it->second, s);
    }
  }
  const auto team_offense = build_team_offense(data);
  const auto schedule = build_team_schedule(data);
  std::map<int, int> reach;
  for (const int s : seasons) {
    int r = s - 1;
    const Day start = october_first(s);
    for (const auto& [team, games] : team_offense)
      r = std::min(r, season_of_kth_newest(games, start, static_cast<std::size_t>(pdc::kTeamWindow), r,
                                           [](const TeamOffenseGame& g) { return g.date; }));
    for (const auto& [team, dates] : schedule.by_team)
      r = std::min(r, season_of_kth_newest(dates, start, kScheduleGamesWindow, r, [](Day d) { return d; }));
    if (const auto it = earliest_of_label.find(s); it != earliest_of_label.end()) r = std::min(r, it->second);
    reach[s] = r;
  }
  return reach;
}

}  // namespace nba
