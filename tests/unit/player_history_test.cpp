// The player indexes the processors iterate instead of the whole league.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "player_fixtures.hpp"
#include "processors/player_game_history.hpp"

using namespace nba;

namespace {

const Day kD = *parse_iso_date("2024-01-10");

PlayerGameHistory::Player player(const std::string& lookup, std::vector<Day> dates) {
  PlayerGameHistory::Player p{lookup, {}, {}};
  for (Day d : dates) p.games.push_back(test::shot_game(d, {2, 1, 1, 0, 1, 0, 1, 0, 1}));
  return p;
}

}  // namespace

TEST(PlayerGameHistoryIndex, PlayersOnADateAreThoseWithABoxScoreThatDay) {
  const PlayerGameHistory h({player("a", {kD - 2, kD}), player("b", {kD - 1}), player("c", {kD, kD + 1})});
  EXPECT_EQ(h.players_on(kD), (std::vector<std::uint32_t>{0, 2}));
  EXPECT_EQ(h.players_on(kD - 1), (std::vector<std::uint32_t>{1}));
  EXPECT_TRUE(h.players_on(kD + 5).empty());
}

TEST(PlayerGameHistoryIndex, SeasonCandidatesCoverEveryPlayerOfTheRangeInOrder) {
  const Day last_season = *parse_iso_date("2023-03-01"), next_season = *parse_iso_date("2024-11-01");
  const PlayerGameHistory h({player("a_old", {last_season}), player("b_now", {kD - 30}), player("c_both", {last_season, kD}),
                             player("d_next", {next_season})});
  // One season: everyone who played in 2023-24, nobody from other seasons.
  EXPECT_EQ(h.players_in_seasons_of(kD - 60, kD + 1), (std::vector<std::uint32_t>{1, 2}));
  // A range over two seasons merges both, ascending and without repeats.
  EXPECT_EQ(h.players_in_seasons_of(last_season, kD), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_TRUE(h.players_in_seasons_of(kD, kD).empty());
}

TEST(PlayerGameHistoryIndex, FirstDateOfASeasonYearAndFind) {
  const PlayerGameHistory h({player("a", {kD - 40, kD}), player("b", {kD - 70})});
  EXPECT_EQ(h.first_date_of_season_year(2023), kD - 70);
  EXPECT_GT(h.first_date_of_season_year(2019), kD + 100000);  // no rows: after every game
  ASSERT_NE(h.find("b"), nullptr);
  EXPECT_EQ(h.find("b")->player_lookup, "b");
  EXPECT_EQ(h.find("bb"), nullptr);
  EXPECT_EQ(date_range(*h.find("a"), kD - 40, kD), (std::pair<std::size_t, std::size_t>{0, 1}));
}

// find() searches 8-byte prefixes first; players sharing one must still be
// told apart, and a lookup between them must miss.
TEST(PlayerGameHistoryIndex, FindTellsApartPlayersSharingTheirFirstEightBytes) {
  const PlayerGameHistory h({player("holiday", {kD}), player("holidayjrue", {kD}), player("holidayjustin", {kD}),
                             player("holidayz", {kD})});
  for (const std::string l : {"holiday", "holidayjrue", "holidayjustin", "holidayz"}) {
    ASSERT_NE(h.find(l), nullptr) << l;
    EXPECT_EQ(h.find(l)->player_lookup, l);
  }
  EXPECT_EQ(h.find("holidayjo"), nullptr);
  EXPECT_EQ(h.find("holidayk"), nullptr);
  EXPECT_EQ(h.find("holida"), nullptr);
  EXPECT_EQ(h.find("zzz"), nullptr);
}

TEST(PlayerGameHistoryIndex, StaleOrMissingIndexIsAnErrorNotAWrongAnswer) {
  PlayerGameHistory h;
  h.players.push_back(player("a", {kD}));
  EXPECT_THROW(h.players_on(kD), std::logic_error);  // never built
  h.build_index();
  EXPECT_EQ(h.players_on(kD).size(), 1u);
  h.players[0].games.push_back(test::shot_game(kD + 1, {2, 1, 1, 0, 1, 0, 1, 0, 1}));
  EXPECT_THROW(h.players_on(kD), std::logic_error);  // a game added after the index
  EXPECT_THROW(date_range(h.players[0], kD, kD + 2), std::logic_error);
  // Unsorted players or games are refused when indexing.
  EXPECT_THROW(PlayerGameHistory({player("b", {kD}), player("a", {kD})}), std::logic_error);
  EXPECT_THROW(PlayerGameHistory({player("a", {kD, kD - 1})}), std::logic_error);
}

TEST(PlayerHistory, BranchFreeSearchIsStdLowerBound) {
  // Sorted arrays with runs of equal dates (doubleheaders in the data), every
  // length up to 70 and probes below, inside and above each array.
  std::mt19937 rng(39);
  for (std::size_t n = 0; n <= 70; ++n)
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<Day> dates(n);
      Day d = 1000;
      for (auto& x : dates) x = d += static_cast<Day>(rng() % 3);  // steps of 0, 1 or 2
      for (Day probe = 998; probe <= d + 2; ++probe) {
        const auto want = std::lower_bound(dates.begin(), dates.end(), probe) - dates.begin();
        ASSERT_EQ(first_date_not_before(dates.data(), n, probe), static_cast<std::size_t>(want))
            << "n=" << n << " probe=" << probe;
      }
    }
}

TEST(PlayerHistory, DateRangeThroughBlocksIsLowerBoundPairOnLongCareers) {
  // Careers longer than several date blocks, with doubleheaders, and ranges
  // that start and end before, inside and after them.
  std::mt19937 rng(64);
  for (std::size_t games : {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{65}, std::size_t{200},
                            std::size_t{700}}) {
    std::vector<Day> dates;
    Day d = kD;
    for (std::size_t i = 0; i < games; ++i) dates.push_back(d += static_cast<Day>(rng() % 3));
    PlayerGameHistory h({player("p", dates)});
    const auto& p = h.players[0];
    for (int trial = 0; trial < 2000; ++trial) {
      const Day from = kD - 5 + static_cast<Day>(rng() % (games * 2 + 10));
      const Day to = from + static_cast<Day>(rng() % 40) - 5;
      const auto lo = std::lower_bound(dates.begin(), dates.end(), from) - dates.begin();
      const auto hi = std::max(lo, std::lower_bound(dates.begin(), dates.end(), to) - dates.begin());
      ASSERT_EQ(date_range(p, from, to), (std::pair<std::size_t, std::size_t>(lo, hi)))
          << games << " games, [" << from - kD << ", " << to - kD << ")";
    }
  }
}

// MLFS's season sums over [Oct 1, D) come from the running totals; they must
// equal the walk they replaced (rows labelled with D's season, NULLs skipped),
// also when some rows carry another season's label or NULL points or minutes.
TEST(PlayerHistory, OwnSeasonTotalsEqualTheSeasonWalkOverAnyDateRange) {
  std::mt19937 rng(11);
  const Day first = *parse_iso_date("2022-09-01"), last = *parse_iso_date("2024-07-01");
  PlayerGameHistory::Player p{"walker", {}, {}};
  for (Day d = first; d < last; d += 1 + static_cast<Day>(rng() % 4)) {
    PlayerGame g = test::shot_game(d, {2, 1, 1, 0, 1, 0, 1, 0, 1});
    g.season_year = season_year_of(d) + static_cast<int>(rng() % 7 == 0) - static_cast<int>(rng() % 11 == 0);
    g.points = rng() % 9 == 0 ? kNull : static_cast<std::int64_t>(rng() % 40);
    g.minutes_x10 = rng() % 8 == 0 ? kNull : static_cast<std::int64_t>(rng() % 400);
    p.games.push_back(g);
  }
  const PlayerGameHistory h({p});
  const auto& player = h.players.front();
  int checked = 0;
  for (Day d = first; d < last; d += 5) {
    const int season = season_year_of(d);
    const auto [lo, hi] = date_range(player, october_first(season), d);
    std::int64_t rows = 0, points = 0, points_n = 0, minutes = 0, minutes_n = 0;
    for (std::size_t i = lo; i < hi; ++i) {
      const PlayerGame& g = player.games[i];
      if (g.season_year != season) continue;
      ++rows;
      if (g.points != kNull) points += g.points, ++points_n;
      if (g.minutes_x10 != kNull) minutes += g.minutes_x10, ++minutes_n;
    }
    const SeasonSums sums = own_season_sums(player, {lo, hi});
    EXPECT_EQ(sums.rows, rows) << format_iso_date(d);
    EXPECT_EQ(sums.points, points) << format_iso_date(d);
    EXPECT_EQ(sums.points_n, points_n) << format_iso_date(d);
    EXPECT_EQ(sums.minutes_x10, minutes) << format_iso_date(d);
    EXPECT_EQ(sums.minutes_n, minutes_n) << format_iso_date(d);
    checked += rows > 0;
  }
  EXPECT_GT(checked, 100);  // most ranges hold rows of the season
}
