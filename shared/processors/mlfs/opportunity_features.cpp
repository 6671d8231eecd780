#include "processors/mlfs/opportunity_features.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/null_value.hpp"
#include "core/rounding.hpp"

namespace nba::mlfs {

namespace {
constexpr int kWindowDays = 60;
constexpr std::size_t kRecentGames = 10;
constexpr std::size_t kMinGroupGames = 3;
constexpr std::size_t kMinSelfCreationGames = 5;
constexpr std::int64_t kBlowoutMargin = 15;
constexpr double kNoTeamGamesBlowout = 0.2;
}  // namespace

double blowout_share(const std::vector<TeamOffenseGame>& games, Day d) {
  const auto end = std::lower_bound(games.begin(), games.end(), d, [](const TeamOffenseGame& g, Day x) { return g.date < x; });
  std::size_t n = 0, blowouts = 0;
  for (auto it = end; it != games.begin() && n < kRecentGames;) {
    --it;
    if (it->date < d - kWindowDays) break;
    ++n;  // a NULL margin counts in the denominator only
    blowouts += it->margin_of_victory != kNull && std::llabs(it->margin_of_victory) >= kBlowoutMargin;
  }
  return n == 0 ? kNoTeamGamesBlowout : static_cast<double>(blowouts) / static_cast<double>(n);
}

double sample_std(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

void add_opportunity_features(const PlayerGameHistory::Player& p, const ContextInputs& in, Day d, FeatureVector& v) {
  const auto [lo, hi] = date_range(p, d - kWindowDays, d);
  // Newest 10 played games, grouped by team; a group needs 3 games. With two
  // such groups (a trade) the newest game's team wins (ambiguity A7).
  std::vector<const PlayerGame*> played;
  for (std::size_t i = hi; i > lo && played.size() < kRecentGames; --i)
    if (const PlayerGame& g = p.games[i - 1]; g.minutes_x10 != kNull && g.minutes_x10 > 0) played.push_back(&g);
  const std::string* team = nullptr;
  std::vector<double> minutes;
  for (const PlayerGame* first : played) {  // newest first: the first qualifying team is the newest game's
    std::vector<double> m;
    for (const PlayerGame* g : played)
      if (g->team_abbr == first->team_abbr) m.push_back(decimal_to_double(g->minutes_x10, 1));
    if (m.size() >= kMinGroupGames) {
      team = &first->team_abbr, minutes = std::move(m);
      break;
    }
  }
  if (team) {
    const auto games = in.team_offense.find(*team);
    const double blowout =
        games == in.team_offense.end() ? kNoTeamGamesBlowout : blowout_share(games->second, d);
    v.set(57, python_round(blowout, 4), Source::Calculated);
    v.set(58, python_round(sample_std(minutes), 2), Source::Calculated);
  } else {
    v.set_missing(57);
    v.set_missing(58);
  }
  v.set(59, v.at(22) - v.at(14), Source::Calculated);

  double share_sum = 0;
  std::size_t shares = 0;
  for (std::size_t i = hi; i > lo && shares < kRecentGames; --i) {
    const PlayerGame& g = p.games[i - 1];
    if (g.fg_makes == kNull || g.fg_makes <= 0 || g.unassisted_fg_makes == kNull) continue;
    share_sum += static_cast<double>(g.unassisted_fg_makes) / static_cast<double>(g.fg_makes);
    ++shares;
  }
  if (shares >= kMinSelfCreationGames) v.set(62, python_round(share_sum / static_cast<double>(shares), 6), Source::Calculated);
  else v.set_missing(62);
}

}  // namespace nba::mlfs
