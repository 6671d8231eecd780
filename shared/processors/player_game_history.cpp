#include "processors/player_game_history.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

#include "core/key_prefix.hpp"
#include "phase3/row_groups.hpp"
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
  auto str = [&](std::int64_t id) { return id == kNull ? std::string() : std::string(data.strings.at(id)); };

  // Players in player_lookup order (string ids sort like the strings), each
  // player's games in date order; sort_player_games then only settles
  // same-date rows, as for any input.
  const auto order = rows_sorted_by(t.rows(), [&](std::uint32_t a, std::uint32_t b) {
    if (lookup[a] != lookup[b]) return lookup[a] < lookup[b];
    return date[a] != date[b] ? date[a] < date[b] : a < b;
  });
  // Each player's slots are laid out first, in that order; then one pass over
  // the table in row order writes every row to its slot. Filling the players one by one
  // instead read the 22 columns at scattered rows, a cache miss per value
  // (most of the engine's build time on every worker).
  PlayerGameHistory h;
  std::vector<std::uint32_t> player_of(t.rows()), slot_of(t.rows());
  for_each_group(order, [&](std::uint32_t i) { return lookup[i]; }, [&](std::span<const std::uint32_t> rows) {
    const auto player = static_cast<std::uint32_t>(h.players.size());
    PlayerGameHistory::Player& p = h.players.emplace_back();
    p.player_lookup = std::string(data.strings.at(lookup[rows.front()]));
    p.games.resize(rows.size());
    for (std::uint32_t k = 0; k < rows.size(); ++k) player_of[rows[k]] = player, slot_of[rows[k]] = k;
  });
  for (std::uint32_t i = 0; i < t.rows(); ++i)
    h.players[player_of[i]].games[slot_of[i]] = {.date = static_cast<Day>(date[i]),
                                                 .season_year = season[i],
                                                 .is_active = active[i],
                                                 .is_dnp = dnp[i],
                                                 .points = pts[i],
                                                 .minutes_x10 = min[i],
                                                 .fg_attempts = fga[i],
                                                 .fg_makes = fgm[i],
                                                 .paint_attempts = pa[i],
                                                 .paint_makes = pm[i],
                                                 .mid_range_attempts = ma[i],
                                                 .mid_range_makes = mm[i],
                                                 .three_pt_attempts = ta[i],
                                                 .three_pt_makes = tm[i],
                                                 .ft_makes = ftm[i],
                                                 .assisted_fg_makes = ast[i],
                                                 .unassisted_fg_makes = unast[i],
                                                 .usage_rate_x100 = usage[i],
                                                 .ts_pct_x1000 = ts[i],
                                                 .game_id = str(gid[i]),
                                                 .team_abbr = str(team[i]),
                                                 .opponent_team_abbr = str(opp[i]),
                                                 .universal_player_id = str(upid[i])};
  for (auto& p : h.players) sort_player_games(p.games);
  h.build_index();
  return h;
}

void sort_player_games(std::vector<PlayerGame>& games) {
  // Import rejects duplicate player+date keys, so the tie rule only matters for
  // inputs built in memory; it keeps results independent of input row order.
  // Rows that arrive in order (the builder's) are left alone: std::sort would
  // still move its pivots around, 280 bytes each.
  const auto before = [](const PlayerGame& a, const PlayerGame& b) {
    return a.date != b.date ? a.date < b.date : a.game_id > b.game_id;
  };
  if (!std::is_sorted(games.begin(), games.end(), before)) std::sort(games.begin(), games.end(), before);
}

std::size_t first_date_not_before(const Day* dates, std::size_t n, Day x) {
  // Branch-free: the comparison selects an address instead of a jump. These
  // searches run for every candidate player on every date and, as a branch,
  // mispredict about half the time. Invariant: the answer is in [base, base + n].
  if (n == 0) return 0;
  const Day* base = dates;
  while (n > 1) {
    const std::size_t half = n / 2;
    base = base[half] < x ? base + half : base;
    n -= half;
  }
  return static_cast<std::size_t>(base - dates) + (*base < x);
}

namespace {
// first_date_not_before over p.dates, through the block index: with b the first
// block whose first date is >= x, the answer lies after block b-1's first row
// and no later than block b's first row.
std::size_t first_row_not_before(const PlayerGameHistory::Player& p, Day x) {
  constexpr std::size_t kBlock = PlayerGameHistory::kDateBlock;
  const auto& blocks = p.block_first_dates;
  const std::size_t b = first_date_not_before(blocks.data(), blocks.size(), x);
  if (b == 0) return 0;
  const std::size_t begin = (b - 1) * kBlock + 1, end = std::min(b * kBlock, p.dates.size());
  return begin + first_date_not_before(p.dates.data() + begin, end - begin, x);
}
}  // namespace

std::pair<std::size_t, std::size_t> date_range(const PlayerGameHistory::Player& p, Day from, Day to) {
  if (p.dates.size() != p.games.size() ||
      p.block_first_dates.size() != (p.dates.size() + PlayerGameHistory::kDateBlock - 1) / PlayerGameHistory::kDateBlock)
    throw std::logic_error("PlayerGameHistory: dates of " + p.player_lookup + " not indexed (call build_index())");
  const std::size_t lo = first_row_not_before(p, from);
  return {lo, to <= from ? lo : first_row_not_before(p, to)};
}

}  // namespace nba

namespace nba {

SeasonSums own_season_sums(const PlayerGameHistory::Player& p, std::pair<std::size_t, std::size_t> range) {
  return p.own_season_running.at(range.second) - p.own_season_running.at(range.first);
}

const PlayerGame* game_on(const PlayerGameHistory::Player& p, Day d) {
  const auto [lo, hi] = date_range(p, d, d + 1);
  return lo == hi ? nullptr : &p.games[hi - 1];
}

}  // namespace nba

namespace nba {

RecentLoad recent_load(const PlayerGameHistory::Player& p, Day d) {
  const auto& games = p.games;
  RecentLoad r;
  const auto [lo, hi] = date_range(p, d - 14, d);
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

namespace nba {

void PlayerGameHistory::build_index() {
  by_date_.clear();
  by_season_.clear();
  first_date_of_season_year_.clear();
  lookup_prefixes_.clear();
  for (const Player& p : players) lookup_prefixes_.push_back(key_prefix(p.player_lookup));
  for (std::size_t i = 0; i < players.size(); ++i) {
    auto& dates = players[i].dates;
    dates.clear();
    for (const PlayerGame& g : players[i].games) dates.push_back(g.date);
    auto& blocks = players[i].block_first_dates;
    blocks.clear();
    for (std::size_t k = 0; k < dates.size(); k += kDateBlock) blocks.push_back(dates[k]);
    auto& running = players[i].own_season_running;
    running.assign(1, SeasonSums{});
    for (const PlayerGame& g : players[i].games) {
      SeasonSums next = running.back();
      if (g.season_year == season_year_of(g.date)) {
        ++next.rows;
        if (g.points != kNull) next.points += g.points, ++next.points_n;
        if (g.minutes_x10 != kNull) next.minutes_x10 += g.minutes_x10, ++next.minutes_n;
      }
      running.push_back(next);
    }
    if (!std::is_sorted(dates.begin(), dates.end()))
      throw std::logic_error("PlayerGameHistory: games of " + players[i].player_lookup + " not in date order");
    if (i > 0 && !(players[i - 1].player_lookup < players[i].player_lookup))
      throw std::logic_error("PlayerGameHistory: players not in ascending, unique player_lookup order at " +
                             players[i].player_lookup);
    const auto pos = static_cast<std::uint32_t>(i);
    for (const PlayerGame& g : players[i].games) {
      // Players are visited in ascending order, so each list stays sorted; only
      // a repeat of the same player needs skipping.
      auto& on_date = by_date_[g.date];
      if (on_date.empty() || on_date.back() != pos) on_date.push_back(pos);
      auto& in_season = by_season_[season_year_of(g.date)];
      if (in_season.empty() || in_season.back() != pos) in_season.push_back(pos);
      const auto [first, inserted] = first_date_of_season_year_.emplace(g.season_year, g.date);
      if (!inserted) first->second = std::min(first->second, g.date);
    }
  }
  // A few dozen distinct names among two per game: collected in a set, so
  // only they are copied and sorted (sorting a copy per game was a tenth of
  // the engine's build).
  std::unordered_set<std::string_view> distinct;
  for (const Player& p : players)
    for (const PlayerGame& g : p.games) distinct.insert(g.team_abbr), distinct.insert(g.opponent_team_abbr);
  team_names_.assign(distinct.begin(), distinct.end());
  std::sort(team_names_.begin(), team_names_.end());
  // A player's consecutive games are mostly for one team: the search runs
  // only when the team changes instead of for every game of the history.
  for (Player& p : players) {
    const std::string* last_abbr = nullptr;
    int last_id = -1;
    for (PlayerGame& g : p.games) {
      if (!last_abbr || g.team_abbr != *last_abbr) last_abbr = &g.team_abbr, last_id = team_id(g.team_abbr);
      g.team_id = last_id;
      g.opponent_id = team_id(g.opponent_team_abbr);
    }
  }
  indexed_players_ = players.size();
  indexed_ = true;
}

// Cheap on purpose, since it runs on every lookup of every date: counting every
// game of every player here would bring back the whole-league scan the index
// removes. A game added to a player after indexing is caught per player instead
// (require_current, and date_range's own check).
void PlayerGameHistory::require_index() const {
  if (!indexed_ || indexed_players_ != players.size())
    throw std::logic_error("PlayerGameHistory: index not built for the current players (call build_index())");
}

void PlayerGameHistory::require_current(const std::vector<std::uint32_t>& positions) const {
  for (const std::uint32_t pos : positions)
    if (players[pos].dates.size() != players[pos].games.size())
      throw std::logic_error("PlayerGameHistory: games of " + players[pos].player_lookup +
                             " changed after build_index()");
}

const std::vector<std::uint32_t>& PlayerGameHistory::players_on(Day d) const {
  require_index();
  static const std::vector<std::uint32_t> kNone;
  const auto it = by_date_.find(d);
  if (it == by_date_.end()) return kNone;
  require_current(it->second);
  return it->second;
}

std::vector<std::uint32_t> PlayerGameHistory::players_in_seasons_of(Day from, Day to) const {
  require_index();
  std::vector<std::uint32_t> out;
  if (from >= to) return out;
  const auto first = by_season_.lower_bound(season_year_of(from));
  const auto last = by_season_.upper_bound(season_year_of(to - 1));
  for (auto it = first; it != last; ++it) {
    std::vector<std::uint32_t> merged;
    merged.reserve(out.size() + it->second.size());
    std::set_union(out.begin(), out.end(), it->second.begin(), it->second.end(), std::back_inserter(merged));
    out.swap(merged);
  }
  require_current(out);
  return out;
}

Day PlayerGameHistory::first_date_of_season_year(std::int64_t season_year) const {
  require_index();
  const auto it = first_date_of_season_year_.find(season_year);
  return it == first_date_of_season_year_.end() ? std::numeric_limits<Day>::max() : it->second;
}

int PlayerGameHistory::team_id(std::string_view team_abbr) const {
  const auto it = std::lower_bound(team_names_.begin(), team_names_.end(), team_abbr);
  return it != team_names_.end() && *it == team_abbr ? static_cast<int>(it - team_names_.begin()) : -1;
}

const PlayerGameHistory::Player* PlayerGameHistory::find(const std::string& player_lookup) const {
  require_index();
  const std::uint64_t prefix = key_prefix(player_lookup);
  // The player's string is read only when the prefixes tie.
  const auto it = std::lower_bound(players.begin(), players.end(), player_lookup, [&](const Player& p, const std::string& l) {
    return key_less(lookup_prefixes_[static_cast<std::size_t>(&p - players.data())], p.player_lookup, prefix, l);
  });
  return it != players.end() && it->player_lookup == player_lookup ? &*it : nullptr;
}

}  // namespace nba
