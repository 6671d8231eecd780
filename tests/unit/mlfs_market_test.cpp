// MLFS v2 market lookups from the optional player-prop odds tables, on the
// spec's golden cases G2 (vegas block, multi-book std, line movement, late
// moves) and G7 (prop line delta) (processors-mlfs-v2.md section 6).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/null_value.hpp"
#include "phase3/table.hpp"
#include "processors/mlfs/market_inputs.hpp"

using namespace nba;

namespace {

const Day kD = *parse_iso_date("2025-01-20");
constexpr std::int64_t kHour = 3600LL * 1000000;

mlfs::OddsApiRow odds(const char* player, const char* book, double hour, std::int64_t minutes_before, double line,
                      double over = kNaN, double under = kNaN) {
  return {player, book, static_cast<std::int64_t>(hour * static_cast<double>(kHour)), minutes_before, line, over, under};
}

// G2: player X's rows on D.
mlfs::MarketInputs g2() {
  mlfs::MarketInputs in;
  in.odds_api[kD] = {odds("x", "draftkings", 10, 540, 22.5), odds("x", "draftkings", 17, 120, 23.5),
                     odds("x", "draftkings", 19.5, -10, 24.5), odds("x", "fanduel", 18, 60, 24.0)};
  mlfs::index_consensus_lines(in);
  return in;
}

}  // namespace

TEST(MlfsV2MarketInputs, GoldenCaseG2) {
  const auto m = mlfs::market_on(g2(), kD).at("x");
  EXPECT_EQ(m.line, 23.5);  // the latest pre-tip DraftKings line
  EXPECT_EQ(m.opening, 22.5);
  EXPECT_EQ(m.line_source, "odds_api");
  // Both books' latest pre-game lines {23.5, 24.0}: the date's largest std is
  // 0.354 >= 0.3, so no BettingPros fallback.
  EXPECT_NEAR(*m.multi_book_std, 0.3535533905932738, 1e-16);
  EXPECT_FALSE(m.multi_book_from_bettingpros);
  EXPECT_EQ(m.line_movement, 1.0);  // round(23.5 - 22.5, 2)
  EXPECT_EQ(m.late_moves, 1.0);     // DK 23.5 -> 24.5 within 240 minutes (the in-game row counts)
  EXPECT_FALSE(m.vig_skew);         // no prices
  EXPECT_FALSE(m.prop_line_delta);  // no earlier date
}

TEST(MlfsV2MarketInputs, BettingProsOnlyAndBoth) {
  mlfs::MarketInputs in;
  in.bettingpros[kD] = {{"y", "points", "bp_book", 100, 18.5, kNaN}, {"y", "points", "bp_book", 50, 17.5, 16.5},
                        {"y", "rebounds", "bp_book", 200, 7.5, kNaN}};
  auto m = mlfs::market_on(in, kD).at("y");
  EXPECT_EQ(m.line, 18.5);  // the newest points row
  EXPECT_EQ(m.opening, 18.5);  // its opening_line is NULL: the line itself
  EXPECT_EQ(m.line_source, "bettingpros");
  in.odds_api = g2().odds_api;
  in.bettingpros[kD].push_back({"x", "points", "bp_book", 100, 20.5, 19.5});
  const auto both = mlfs::market_on(in, kD);
  EXPECT_EQ(both.at("x").line_source, "both");
  EXPECT_EQ(both.at("x").line, 23.5);  // the odds API line wins
  EXPECT_EQ(both.at("x").opening, 22.5);
}

TEST(MlfsV2MarketInputs, ZeroOpeningShowsTheLineButMovesFromZeroAsHeadDoes) {
  // HEAD computes the move in SQL (18.5 - 0.0) and then shows a falsy opening
  // as the current line: `float(x) if x else vegas_points_line`.
  mlfs::MarketInputs in;
  in.bettingpros[kD] = {{"y", "points", "bp_book", 100, 18.5, 0.0}};
  const auto m = mlfs::market_on(in, kD).at("y");
  EXPECT_EQ(m.opening, 18.5);
  EXPECT_EQ(m.move, 18.5);
  in.bettingpros[kD] = {{"y", "points", "bp_book", 100, 18.5, 17.0}};
  EXPECT_EQ(mlfs::market_on(in, kD).at("y").move, 1.5);
}

TEST(MlfsV2MarketInputs, RowsWithoutABookmakerCountForNoBook) {
  // SQL's `bookmaker != 'bovada'` and `NOT IN` filters drop NULL bookmakers:
  // two odds rows of which one has no book give no multi-book std.
  mlfs::MarketInputs in;
  in.odds_api[kD] = {odds("v", "draftkings", 10, 60, 22.5), odds("v", "", 10, 60, 23.5)};
  mlfs::index_consensus_lines(in);
  EXPECT_FALSE(mlfs::market_on(in, kD).at("v").multi_book_std);
  in.odds_api[kD].push_back(odds("v", "fanduel", 10, 60, 23.5));
  mlfs::index_consensus_lines(in);
  EXPECT_NEAR(*mlfs::market_on(in, kD).at("v").multi_book_std, 0.7071067811865476, 1e-16);
}

TEST(MlfsV2MarketInputs, GoldenCaseG7PropLineDelta) {
  mlfs::MarketInputs in;
  in.odds_api[kD - 2] = {odds("z", "a", 10, 60, 22.0), odds("z", "b", 10, 60, 23.0), odds("z", "c", 10, 60, 22.5)};
  in.odds_api[kD] = {odds("z", "a", 10, 60, 23.5), odds("z", "b", 10, 60, 24.0), odds("z", "c", 10, 60, 24.0)};
  mlfs::index_consensus_lines(in);
  EXPECT_EQ(mlfs::market_on(in, kD).at("z").prop_line_delta, 1.5);
  in.odds_api.erase(kD - 2);
  mlfs::index_consensus_lines(in);
  EXPECT_FALSE(mlfs::market_on(in, kD).at("z").prop_line_delta);  // no earlier line in the 14 days
  in.odds_api[kD - 15] = {odds("z", "a", 10, 60, 20.0)};           // outside the window
  mlfs::index_consensus_lines(in);
  EXPECT_FALSE(mlfs::market_on(in, kD).at("z").prop_line_delta);
}

TEST(MlfsV2MarketInputs, VigSkewAndTheBettingProsFallback) {
  mlfs::MarketInputs in;
  // Two books agreeing (std 0 < 0.3): BettingPros adds the players the odds API lacks.
  in.odds_api[kD] = {odds("x", "draftkings", 10, 60, 20.5, 1.91, 1.87), odds("x", "fanduel", 10, 60, 20.5, 1.95, 1.85),
                     odds("x", "bovada", 10, 60, 25.5, 2.5, 1.5)};
  in.bettingpros[kD] = {{"w", "points", "book1", 1, 10.5, kNaN}, {"w", "points", "book2", 1, 11.5, kNaN},
                        {"w", "points", "PrizePicks", 1, 30.5, kNaN}, {"x", "points", "book1", 1, 30.5, kNaN},
                        {"x", "points", "book2", 1, 31.5, kNaN}};
  const auto out = mlfs::market_on(in, kD);
  EXPECT_EQ(out.at("x").multi_book_std, 0.0);  // bovada left out; primary wins over BettingPros
  EXPECT_FALSE(out.at("x").multi_book_from_bettingpros);
  EXPECT_NEAR(*out.at("w").multi_book_std, 0.7071067811865476, 1e-16);  // PrizePicks excluded
  EXPECT_TRUE(out.at("w").multi_book_from_bettingpros);
  EXPECT_EQ(out.at("x").vig_skew, 0.07);  // mean of 0.04 and 0.10, bovada excluded
}

TEST(MlfsV2MarketInputs, NoTablesNoLookups) { EXPECT_TRUE(mlfs::market_on(mlfs::MarketInputs{}, kD).empty()); }

namespace {

PlayerGameHistory one_player(const char* lookup, std::initializer_list<std::tuple<int, std::int64_t, std::int64_t, std::int64_t>> games) {
  PlayerGameHistory::Player p{lookup, {}};
  for (const auto& [days_before, points, minutes_x10, usage_x100] : games) {
    PlayerGame g{};
    g.date = kD - days_before, g.points = points, g.minutes_x10 = minutes_x10, g.usage_rate_x100 = usage_x100;
    g.team_abbr = "LAL", g.opponent_team_abbr = "BOS";
    p.games.push_back(g);
  }
  std::sort(p.games.begin(), p.games.end(), [](const PlayerGame& a, const PlayerGame& b) { return a.date < b.date; });
  return PlayerGameHistory({p});
}

}  // namespace

TEST(MlfsV2MarketInputs, GoldenCaseG4PropHistory) {
  // Graded lines joined to points, newest first: (25, 22.5), (18, 20.5), (30, 24.5),
  // (15, 15.5), (22, 21.5), (19, 19.5).
  const auto h = one_player("p", {{2, 25, 300, kNull}, {4, 18, 300, kNull}, {6, 30, 300, kNull}, {8, 15, 300, kNull},
                                  {10, 22, 300, kNull}, {12, 19, 300, kNull}, {14, 40, 300, kNull}});
  mlfs::MarketInputs in;
  const std::int64_t lines[] = {225, 205, 245, 155, 215, 195};
  for (int i = 0; i < 6; ++i) in.graded_line_x10["p"][kD - 2 * (i + 1)] = lines[i];  // day 14 is not graded
  mlfs::PlayerMarket m;
  mlfs::add_prop_history(in, h.players[0], kD, m);
  EXPECT_EQ(m.over_rate, 0.5);
  EXPECT_EQ(m.margin_vs_line, 1.1);
  // Only the newest 4 graded games: no over rate (needs 5), margin over 4.
  for (int i = 4; i < 6; ++i) in.graded_line_x10["p"].erase(kD - 2 * (i + 1));
  mlfs::PlayerMarket four;
  mlfs::add_prop_history(in, h.players[0], kD, four);
  EXPECT_FALSE(four.over_rate);
  EXPECT_EQ(four.margin_vs_line, 1.25);
}

TEST(MlfsV2MarketInputs, TeammateUsageOfPlayersListedOut) {
  PlayerGameHistory::Player a{"a", {}}, b{"b", {}};
  auto game = [](int days_before, std::int64_t minutes_x10, std::int64_t usage_x100) {
    PlayerGame g{};
    g.date = kD - days_before, g.minutes_x10 = minutes_x10, g.usage_rate_x100 = usage_x100, g.points = 10;
    return g;
  };
  a.games = {game(40, 300, 9900), game(20, 300, 2000), game(10, 300, 2500), game(5, 90, 9900)};  // 22.5 (30 days, > 10 min)
  b.games = {game(3, 250, 1000)};
  PlayerGameHistory players({a, b});
  mlfs::MarketInputs in;
  in.out_or_doubtful[kD] = {{"a", "LAL"}, {"b", "LAL"}, {"c", "BOS"}};  // c has no recent game: no BOS sum
  std::vector<PlayerContextRow> ctx(4);
  ctx[0].player_lookup = "x", ctx[0].team_abbr = "LAL";
  ctx[1].player_lookup = "a", ctx[1].team_abbr = "LAL";  // listed himself
  ctx[2].player_lookup = "y", ctx[2].team_abbr = "BOS";
  ctx[3].player_lookup = "z", ctx[3].team_abbr = "MIA";
  const auto usage = mlfs::teammate_usage_on(in, players, ctx, kD);
  ASSERT_EQ(usage.size(), 1u);
  EXPECT_EQ(usage.at("x"), 32.5);  // 22.5 + 10.0
  EXPECT_TRUE(mlfs::teammate_usage_on(in, players, ctx, kD + 1).empty());  // no report that day
}
