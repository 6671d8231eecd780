#include "processors/mlfs/market_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "core/null_value.hpp"
#include "core/python_text.hpp"
#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "phase3/value_parser.hpp"
#include "processors/mlfs/opportunity_features.hpp"

namespace nba::mlfs {

namespace {

constexpr int kDeltaWindowDays = 14;
constexpr double kFallbackBelowStd = 0.3;
constexpr std::int64_t kLateMinutes = 240;
constexpr int kUsageWindowDays = 30;
constexpr std::int64_t kUsageMinMinutesX10 = 100;  // more than 10 minutes
constexpr int kPropWindowDays = 60;
constexpr std::size_t kPropGames = 10, kMarginGames = 5, kMinOverRateGames = 5, kMinMarginGames = 3;

bool positive_line(double x) { return !std::isnan(x) && x > 0; }
bool pregame(const OddsApiRow& r) { return r.minutes_before_tipoff != kNull && r.minutes_before_tipoff >= 0; }
// A6's tie-break after the ordering BigQuery is given: bookmaker, then line.
template <typename Row>
bool tie_before(const Row& a, const Row& b) {
  return a.bookmaker != b.bookmaker ? a.bookmaker < b.bookmaker : a.line < b.line;
}

// A date's rows of one table (none when the table has none that day).
template <typename Row>
const std::vector<Row>& rows_on(const std::map<Day, std::vector<Row>>& by_date, Day d) {
  static const std::vector<Row> kNone;
  const auto it = by_date.find(d);
  return it == by_date.end() ? kNone : it->second;
}

// The latest row per (player, bookmaker) among the rows `keep` accepts, by the
// row's time `stamp` (snapshot or created_at); a tie goes to the lower line.
template <typename Row>
using LatestByBook = std::map<std::string, std::map<std::string, const Row*>>;
template <typename Row, typename Keep>
LatestByBook<Row> latest_per_book(const std::vector<Row>& rows, std::int64_t Row::*stamp, Keep keep) {
  LatestByBook<Row> out;
  for (const Row& r : rows) {
    if (!keep(r)) continue;
    const Row*& best = out[r.player_lookup][r.bookmaker];
    if (!best || r.*stamp > best->*stamp || (r.*stamp == best->*stamp && r.line < best->line)) best = &r;
  }
  return out;
}

// One player's books' lines, in bookmaker order.
template <typename Row>
std::vector<double> lines_of(const std::map<std::string, const Row*>& books) {
  std::vector<double> lines;
  for (const auto& [book, r] : books) lines.push_back(r->line);
  return lines;
}

// 25-27 and vegas_line_source (spec 3.1).
void add_lines(const MarketInputs& in, Day d, std::map<std::string, PlayerMarket>& out) {
  struct Picks {
    const OddsApiRow *current = nullptr, *opening = nullptr;
  };
  std::map<std::string, Picks> oa;
  auto draftkings_first = [](const OddsApiRow& r) { return r.bookmaker == "draftkings" ? 0 : 1; };
  for (const OddsApiRow& r : rows_on(in.odds_api, d)) {
    if (!positive_line(r.line) || !pregame(r)) continue;
    Picks& p = oa[r.player_lookup];
    auto better = [&](const OddsApiRow* best, bool latest) {
      if (!best) return true;
      if (draftkings_first(r) != draftkings_first(*best)) return draftkings_first(r) < draftkings_first(*best);
      if (r.snapshot != best->snapshot) return latest ? r.snapshot > best->snapshot : r.snapshot < best->snapshot;
      return tie_before(r, *best);
    };
    if (better(p.current, true)) p.current = &r;
    if (better(p.opening, false)) p.opening = &r;
  }
  std::map<std::string, const BettingProsRow*> bp;
  for (const BettingProsRow& r : rows_on(in.bettingpros, d)) {
    if (r.market_type != "points" || !positive_line(r.line)) continue;
    const BettingProsRow*& best = bp[r.player_lookup];
    if (!best || r.created_at > best->created_at || (r.created_at == best->created_at && tie_before(r, *best))) best = &r;
  }
  for (const auto& [player, p] : oa) {
    PlayerMarket& m = out[player];
    m.line = p.current->line;
    m.opening = p.opening->line;  // the first non-NULL of (oa_opening, ...) is always oa_opening here (positive)
    m.move = *m.line - *m.opening;
    m.line_source = bp.count(player) ? "both" : "odds_api";
  }
  for (const auto& [player, r] : bp) {
    if (oa.count(player)) continue;
    PlayerMarket& m = out[player];
    m.line = r->line;
    const double opening = std::isnan(r->opening_line) ? r->line : r->opening_line;
    m.move = r->line - opening;                      // in SQL
    m.opening = opening != 0.0 ? opening : r->line;  // HEAD: `float(x) if x else line`
    m.line_source = "bettingpros";
  }
}

// 50 (spec 3.8): odds API books first; BettingPros only when that finds nobody
// or no player's books disagree by 0.3 points.
void add_multi_book_std(const MarketInputs& in, Day d, std::map<std::string, PlayerMarket>& out) {
  std::map<std::string, double> primary;
  const auto latest = latest_per_book(rows_on(in.odds_api, d), &OddsApiRow::snapshot, [](const OddsApiRow& r) {
    return positive_line(r.line) && !r.bookmaker.empty() && r.bookmaker != "bovada" && pregame(r);  // SQL's != drops NULL
  });
  double largest = 0;
  for (const auto& [player, books] : latest)
    if (books.size() >= 2) largest = std::max(largest, primary[player] = sample_std(lines_of(books)));
  for (const auto& [player, std] : primary) out[player].multi_book_std = std;
  if (!primary.empty() && largest >= kFallbackBelowStd) return;
  static const std::set<std::string> kExcluded = {"prizepicks", "propswap", "fliff", "underdog", "sleeper"};
  const auto bp = latest_per_book(rows_on(in.bettingpros, d), &BettingProsRow::created_at, [](const BettingProsRow& r) {
    return r.market_type == "points" && positive_line(r.line) && !r.bookmaker.empty() &&
           !kExcluded.count(ascii_lower(r.bookmaker));
  });
  for (const auto& [player, books] : bp) {
    if (books.size() < 2 || primary.count(player)) continue;
    PlayerMarket& m = out[player];
    m.multi_book_std = sample_std(lines_of(books));
    m.multi_book_from_bettingpros = true;
  }
}

// 54 (spec 3.9): today's consensus line minus the one of the latest earlier
// date in the 14 days before with a consensus.
void add_prop_line_delta(const MarketInputs& in, Day d, std::map<std::string, PlayerMarket>& out) {
  const auto today = in.consensus_line.find(d);
  if (today == in.consensus_line.end()) return;
  for (const auto& [player, line] : today->second)
    for (auto earlier = std::make_reverse_iterator(today);
         earlier != in.consensus_line.rend() && earlier->first >= d - kDeltaWindowDays; ++earlier)
      if (const auto prev = earlier->second.find(player); prev != earlier->second.end()) {
        out[player].prop_line_delta = python_round(line - prev->second, 1);
        break;
      }
}

// 60, 61, 63 (spec 3.12).
void add_line_movement(const MarketInputs& in, Day d, std::map<std::string, PlayerMarket>& out) {
  const auto& rows = rows_on(in.odds_api, d);
  // 60: DraftKings' earliest line (any time) against its latest pre-game one.
  std::map<std::string, std::pair<const OddsApiRow*, const OddsApiRow*>> dk;  // open, close
  for (const OddsApiRow& r : rows) {
    if (std::isnan(r.line) || ascii_lower(r.bookmaker) != "draftkings") continue;
    auto& [open, close] = dk[r.player_lookup];
    if (!open || r.snapshot < open->snapshot || (r.snapshot == open->snapshot && tie_before(r, *open))) open = &r;
    if (pregame(r) &&
        (!close || r.snapshot > close->snapshot || (r.snapshot == close->snapshot && tie_before(r, *close))))
      close = &r;
  }
  for (const auto& [player, oc] : dk)
    if (oc.second && oc.first->line != oc.second->line)
      out[player].line_movement = python_round(oc.second->line - oc.first->line, 2);
  // 61: mean over-minus-under price over the books' latest pre-game rows.
  const auto priced = latest_per_book(rows, &OddsApiRow::snapshot, [](const OddsApiRow& r) {
    return !r.bookmaker.empty() && ascii_lower(r.bookmaker) != "bovada" && !std::isnan(r.over_price) &&
           !std::isnan(r.under_price) && pregame(r);
  });
  for (const auto& [player, books] : priced) {
    if (books.size() < 2) continue;
    double sum = 0;
    for (const auto& [book, r] : books) sum += r->over_price - r->under_price;
    out[player].vig_skew = python_round(sum / static_cast<double>(books.size()), 4);
  }
  // 63: line changes per book in the last 4 hours (in-game rows included).
  std::map<std::string, std::map<std::string, std::vector<const OddsApiRow*>>> late;
  for (const OddsApiRow& r : rows)
    if (r.minutes_before_tipoff != kNull && r.minutes_before_tipoff <= kLateMinutes && !std::isnan(r.line))
      late[r.player_lookup][r.bookmaker].push_back(&r);
  for (auto& [player, books] : late) {
    int changes = 0;
    for (auto& [book, snaps] : books) {
      std::sort(snaps.begin(), snaps.end(), [](const OddsApiRow* a, const OddsApiRow* b) { return a->snapshot < b->snapshot; });
      for (std::size_t i = 1; i < snaps.size(); ++i) changes += snaps[i]->line != snaps[i - 1]->line;
    }
    if (changes >= 1) out[player].late_moves = static_cast<double>(changes);
  }
}

}  // namespace

std::map<std::string, double> teammate_usage_on(const MarketInputs& in, const PlayerGameHistory& players,
                                                const std::vector<PlayerContextRow>& context_on_d, Day d) {
  std::map<std::string, double> out;
  const auto listed = in.out_or_doubtful.find(d);
  if (listed == in.out_or_doubtful.end()) return out;
  std::set<std::string> injured;
  std::map<std::string, std::int64_t> team_e9;  // summed NUMERIC averages
  for (const auto& [player, team] : listed->second) {
    injured.insert(player);
    const PlayerGameHistory::Player* p = players.find(player);
    if (!p) continue;
    std::int64_t usage_x100 = 0, games = 0;
    const auto [lo, hi] = date_range(*p, d - kUsageWindowDays, d);
    for (std::size_t i = lo; i < hi; ++i) {
      const PlayerGame& g = p->games[i];
      if (g.usage_rate_x100 == kNull || g.minutes_x10 == kNull || g.minutes_x10 <= kUsageMinMinutesX10) continue;
      usage_x100 += g.usage_rate_x100, ++games;
    }
    if (games) team_e9[team] += bigquery_numeric_quotient_e9(usage_x100, 2, games);
  }
  for (const PlayerContextRow& c : context_on_d) {
    const auto sum = team_e9.find(c.team_abbr);
    if (sum != team_e9.end() && !injured.count(c.player_lookup)) out[c.player_lookup] = decimal_to_double(sum->second, 9);
  }
  return out;
}

void add_prop_history(const MarketInputs& in, const PlayerGameHistory::Player& p, Day d, PlayerMarket& m) {
  const auto graded = in.graded_line_x10.find(p.player_lookup);
  if (graded == in.graded_line_x10.end()) return;
  std::size_t n = 0, over = 0, margin_n = 0;
  std::int64_t margin_x10 = 0;
  const auto [lo, hi] = date_range(p, d - kPropWindowDays, d);
  for (std::size_t i = hi; i > lo && n < kPropGames; --i) {
    const PlayerGame& g = p.games[i - 1];
    if (g.points == kNull) continue;
    const auto line = graded->second.find(g.date);
    if (line == graded->second.end()) continue;
    ++n;
    over += g.points * 10 > line->second;
    if (n <= kMarginGames) margin_x10 += g.points * 10 - line->second, ++margin_n;
  }
  if (n >= kMinOverRateGames) m.over_rate = python_round(static_cast<double>(over) / static_cast<double>(n), 9);
  if (margin_n >= kMinMarginGames)  // AVG of NUMERIC: 9 places, then Python's round(x, 9)
    m.margin_vs_line = python_round(bigquery_numeric_quotient(margin_x10, 1, static_cast<std::int64_t>(margin_n)), 9);
}

MarketInputs build_market_inputs(const Phase3Data& data) {
  MarketInputs in;
  auto str = [&](std::int64_t id) { return id == kNull ? std::string() : std::string(data.strings.at(id)); };
  {
    const Table& t = data.table(tables::kOddsApiProps);
    const auto &player = t.values("player_lookup"), &date = t.values("game_date"), &book = t.values("bookmaker");
    const auto &snap = t.values("snapshot_timestamp"), &mbt = t.values("minutes_before_tipoff");
    const auto &line = t.values("points_line"), &over = t.values("over_price"), &under = t.values("under_price");
    for (std::size_t i = 0; i < t.rows(); ++i)
      in.odds_api[static_cast<Day>(date[i])].push_back({str(player[i]), str(book[i]), snap[i], mbt[i],
                                                        float64_of(line[i]), float64_of(over[i]), float64_of(under[i])});
  }
  {
    const Table& t = data.table(tables::kBettingProsProps);
    const auto &player = t.values("player_lookup"), &date = t.values("game_date"), &market = t.values("market_type");
    const auto &book = t.values("bookmaker"), &created = t.values("created_at");
    const auto &line = t.values("points_line"), &opening = t.values("opening_line");
    for (std::size_t i = 0; i < t.rows(); ++i)
      in.bettingpros[static_cast<Day>(date[i])].push_back(
          {str(player[i]), str(market[i]), str(book[i]), created[i], float64_of(line[i]), float64_of(opening[i])});
  }
  {
    const Table& t = data.table(tables::kInjuryReport);
    const auto &player = t.values("player_lookup"), &team = t.values("team"), &date = t.values("report_date");
    const auto& status = t.values("injury_status");
    std::set<std::tuple<Day, std::string, std::string>> listed;  // distinct, any report hour
    for (std::size_t i = 0; i < t.rows(); ++i) {
      const std::string s = ascii_lower(str(status[i]));
      if (player[i] == kNull || (s != "out" && s != "doubtful")) continue;
      listed.emplace(static_cast<Day>(date[i]), str(player[i]), str(team[i]));
    }
    for (const auto& [d, player_lookup, team_abbr] : listed) in.out_or_doubtful[d].emplace_back(player_lookup, team_abbr);
  }
  {
    const Table& t = data.table(tables::kPredictionAccuracy);
    const auto &player = t.values("player_lookup"), &date = t.values("game_date"), &line = t.values("line_value");
    const auto& rec = t.values("recommendation");
    for (std::size_t i = 0; i < t.rows(); ++i) {
      const std::string r = str(rec[i]);
      if (line[i] == kNull || line[i] <= 0 || (r != "OVER" && r != "UNDER")) continue;
      auto [it, fresh] = in.graded_line_x10[str(player[i])].emplace(static_cast<Day>(date[i]), line[i]);
      if (!fresh) it->second = std::max(it->second, line[i]);
    }
  }
  index_consensus_lines(in);
  return in;
}

void index_consensus_lines(MarketInputs& in) {
  in.consensus_line.clear();
  for (const auto& [game_date, rows] : in.odds_api) {
    const auto latest = latest_per_book(rows, &OddsApiRow::snapshot,
                                        [](const OddsApiRow& r) { return positive_line(r.line) && pregame(r); });
    for (const auto& [player, books] : latest) {
      std::vector<double> lines = lines_of(books);
      std::sort(lines.begin(), lines.end());
      in.consensus_line[game_date][player] = lines[(lines.size() - 1) / 2];
    }
  }
}

std::map<std::string, PlayerMarket> market_on(const MarketInputs& in, Day d) {
  std::map<std::string, PlayerMarket> out;
  if (!in.has_odds()) return out;
  add_lines(in, d, out);
  add_multi_book_std(in, d, out);
  add_prop_line_delta(in, d, out);
  add_line_movement(in, d, out);
  return out;
}

}  // namespace nba::mlfs
