#include "synth/phase3_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "core/null_value.hpp"
#include "core/rounding.hpp"
#include "core/sha256.hpp"

namespace nba::synth {

namespace {

// When a table's rows were "processed": game results the morning after the
// game, pre-game context at noon of game day (the real exports' convention).
enum class Provenance { None, GameResult, PreGame };

// gzip CSV writer with BigQuery export conventions (empty field = NULL).
class CsvGzWriter {
 public:
  CsvGzWriter(const std::string& path, const std::vector<std::string>& header, Provenance provenance = Provenance::None)
      : path_(path), provenance_(provenance) {
    f_ = gzopen(path.c_str(), "wb6");
    if (!f_) throw std::runtime_error("cannot create " + path);
    for (const auto& h : header) field(h);
    if (provenance_ != Provenance::None) field("data_hash").field("processed_at");
    write_row();
  }
  ~CsvGzWriter() {
    if (f_) gzclose(f_);
  }
  void close() {
    if (gzclose(f_) != Z_OK) throw std::runtime_error("write failed: " + path_);
    f_ = nullptr;
  }
  CsvGzWriter& field(const std::string& v) {
    if (!first_) row_ += ',';
    first_ = false;
    row_ += v;
    return *this;
  }
  CsvGzWriter& null() { return field(""); }
  CsvGzWriter& num(long long v) { return field(std::to_string(v)); }
  template <typename T>
  CsvGzWriter& opt(const std::optional<T>& v) {
    return v ? num(static_cast<long long>(*v)) : null();
  }
  CsvGzWriter& boolean(bool b) { return field(b ? "true" : "false"); }
  // NUMERIC(p, scale) from a scaled integer, canonical (no trailing zeros).
  CsvGzWriter& decimal(std::int64_t scaled, int scale) {
    const bool neg = scaled < 0;
    std::int64_t a = neg ? -scaled : scaled;
    const std::int64_t p = pow10_i64(scale);
    std::string s = std::to_string(a / p);
    std::int64_t frac = a % p;
    if (frac) {
      std::string f = std::to_string(frac);
      f.insert(0, static_cast<std::size_t>(scale) - f.size(), '0');
      while (!f.empty() && f.back() == '0') f.pop_back();
      s += "." + f;
    }
    return field(neg && (a != 0) ? "-" + s : s);
  }
  // A double already rounded to `scale` places (or NaN = NULL).
  CsvGzWriter& decimal_of(double v, int scale) {
    if (!std::isfinite(v)) return null();
    return decimal(std::llround(numeric_store(v, scale) * static_cast<double>(pow10_i64(scale))), scale);
  }
  void end_row() {
    if (provenance_ != Provenance::None) throw std::logic_error(path_ + ": a row needs its game date (provenance)");
    write_row();
  }
  // A row of a table with provenance: its own data_hash (a hash of its fields,
  // as the real exports' builder does) and processed_at.
  void end_row(Day game_date) {
    const std::string hash = sha256_hex(row_, 16);
    const bool after = provenance_ == Provenance::GameResult;
    field(hash).field(format_iso_date(after ? game_date + 1 : game_date) + (after ? " 10:00:00 UTC" : " 12:00:00 UTC"));
    write_row();
  }

 private:
  void write_row() {
    row_ += '\n';
    if (gzwrite(f_, row_.data(), static_cast<unsigned>(row_.size())) != static_cast<int>(row_.size()))
      throw std::runtime_error("write failed: " + path_);
    row_.clear();
    first_ = true;
  }

  std::string path_;
  Provenance provenance_;
  gzFile f_ = nullptr;
  std::string row_;
  bool first_ = true;
};


std::string analytics_game_id(const League& lg, const ScheduledGame& g) {
  std::string d = format_iso_date(g.date);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  return d + "_" + lg.teams[static_cast<std::size_t>(g.away)] + "_" + lg.teams[static_cast<std::size_t>(g.home)];
}

double possessions(const TeamLine& t) { return python_round(t.fga + 0.44 * t.fta + t.tov - t.oreb, 1); }

std::string season_phase(Day d) {
  const int m = civil_from_day(d).month;
  if (m == 10 || m == 11) return "early";
  if (m == 12 || m <= 2) return "mid";
  if (m <= 4) return "late";
  return "playoffs";
}

struct PlayedGame {
  Day date;
  std::int64_t minutes_x10;
  std::optional<std::int64_t> usage_x100;
  int points;
};

// A small deterministic hash (the writer keeps no random state of its own).
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33, x *= 0xff51afd7ed558ccdULL, x ^= x >> 33, x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

// MLFS's optional market tables (spec processors-mlfs-v2.md 3.1, 3.7, 3.10):
// a pre-game points line per active player with 3 earlier games (his last-10
// mean's whole points plus a half) on three odds-API books, each with an
// opening snapshot (10:00 UTC), a later one that may move half a point and on
// some games an in-game row, decimal prices; a fifth of those players also on
// BettingPros, one in eleven only there. Two prediction systems grade each
// line. The injury report lists the players who sit out as Out, and a few who
// play as Questionable.
class MarketTablesWriter {
 public:
  explicit MarketTablesWriter(const std::string& dir)
      : odds_(dir + "/odds_api_player_points_props.csv.gz",
              {"player_lookup", "game_date", "bookmaker", "snapshot_timestamp", "minutes_before_tipoff",
               "points_line", "over_price", "under_price"}),
        bp_(dir + "/bettingpros_player_points_props.csv.gz",
            {"player_lookup", "game_date", "market_type", "bookmaker", "created_at", "points_line",
             "opening_line"}),
        injuries_(dir + "/nbac_injury_report.csv.gz",
                  {"player_lookup", "team", "report_date", "report_hour", "injury_status"}),
        graded_(dir + "/prediction_accuracy.csv.gz",
                {"player_lookup", "game_date", "system_id", "line_value", "recommendation"}) {}
  void injury(const std::string& player, const std::string& team, Day d, const char* status) {
    for (int hour : {13, 17}) injuries_.field(player).field(team).field(format_iso_date(d)).num(hour).field(status).end_row();
  }
  void add(const std::string& player, std::uint64_t player_id, Day d, const std::vector<PlayedGame>& before) {
    if (before.size() < 3) return;
    double sum = 0;
    const std::size_t n = std::min<std::size_t>(10, before.size());
    for (std::size_t i = before.size() - n; i < before.size(); ++i) sum += before[i].points;
    const double line = std::floor(sum / static_cast<double>(n)) + 0.5;  // props sit on the half point
    const std::uint64_t h = mix(player_id * 1000003ULL + static_cast<std::uint64_t>(d));
    const std::string date = format_iso_date(d);
    if (h % 11 != 0) {
      static const char* const kBooks[] = {"draftkings", "fanduel", "betmgm"};
      for (int b = 0; b < 3; ++b) {
        const std::uint64_t hb = mix(h + static_cast<std::uint64_t>(b));
        const double open = line + (static_cast<double>(hb % 3) - 1.0) * 0.5 * (b > 0);
        const double late = open + (static_cast<double>((hb >> 8) % 3) - 1.0) * 0.5;
        const double skew = static_cast<double>((hb >> 16) % 9) / 100.0;  // 0.00 .. 0.08
        row(player, date, kBooks[b], "10:00:00", 540, open, 1.87 + skew, 1.95 - skew);
        row(player, date, kBooks[b], "17:00:00", 120, late, 1.91, 1.91 - skew);
        if ((hb >> 24) % 4 == 0) row(player, date, kBooks[b], "19:30:00", -10, late + 0.5, 1.80, 2.02);
      }
    }
    if (h % 5 == 0 || h % 11 == 0) {
      bp_.field(player).field(date).field("points").field("bp_consensus").field(date + " 09:00:00 UTC");
      bp_.decimal_of(line, 1).decimal_of(h % 2 ? line - 0.5 : kNaN, 1);
      bp_.end_row();
      bp_.field(player).field(date).field("points").field("caesars").field(date + " 11:00:00 UTC");
      bp_.decimal_of(line + 0.5, 1).decimal_of(kNaN, 1);
      bp_.end_row();
    }
    static const char* const kCalls[] = {"OVER", "UNDER", "PASS"};
    graded_.field(player).field(date).field("catboost_v8").decimal_of(line, 1).field(kCalls[(h >> 3) % 3]).end_row();
    graded_.field(player).field(date).field("ensemble_v1").decimal_of(line + 0.5, 1).field(kCalls[(h >> 5) % 2]).end_row();
  }
  void close() {
    odds_.close();
    bp_.close();
    injuries_.close();
    graded_.close();
  }

 private:
  void row(const std::string& player, const std::string& date, const char* book, const char* time, int minutes_before,
           double line, double over, double under) {
    odds_.field(player).field(date).field(book).field(date + " " + time + " UTC").num(minutes_before);
    odds_.decimal_of(line, 1).decimal_of(python_round(over, 2), 2).decimal_of(python_round(under, 2), 2);
    odds_.end_row();
  }
  CsvGzWriter odds_, bp_, injuries_, graded_;
};

}  // namespace

WrittenCounts write_phase3_csv(const League& lg, const std::string& out_dir) {
  std::filesystem::create_directories(out_dir);
  auto path = [&](const char* t) { return (std::filesystem::path(out_dir) / (std::string(t) + ".csv.gz")).string(); };
  WrittenCounts counts;

  // Rows are emitted in (date, game id) order like the real exports.
  std::vector<std::size_t> game_order(lg.games.size());
  std::iota(game_order.begin(), game_order.end(), 0);
  std::sort(game_order.begin(), game_order.end(), [&](auto a, auto b) {
    const auto &ga = lg.games[a], &gb = lg.games[b];
    return ga.date != gb.date ? ga.date < gb.date : analytics_game_id(lg, ga) < analytics_game_id(lg, gb);
  });
  std::vector<std::vector<std::size_t>> lines_of_game(lg.games.size()), teams_of_game(lg.games.size());
  for (std::size_t i = 0; i < lg.player_lines.size(); ++i) lines_of_game[lg.player_lines[i].game].push_back(i);
  for (std::size_t i = 0; i < lg.team_lines.size(); ++i) teams_of_game[lg.team_lines[i].game].push_back(i);
  auto team_line = [&](std::size_t game, int team) -> const TeamLine& {
    for (auto i : teams_of_game[game])
      if (lg.team_lines[i].team == team) return lg.team_lines[i];
    throw std::logic_error("missing team line");
  };

  // Opening nights per season (first regular-season game).
  std::map<int, Day> opening;
  for (const auto& g : lg.games)
    if (g.regular_season && (!opening.count(g.season_year) || g.date < opening[g.season_year]))
      opening[g.season_year] = g.date;

  // ---- schedule ----
  {
    CsvGzWriter w(path("schedule"),
                  {"game_id", "analytics_game_id", "game_date", "season_year", "season_nba_format", "season_type",
                   "game_subtype", "is_regular_season", "is_play_in", "is_playoffs", "game_status",
                   "home_team_tricode", "away_team_tricode", "home_team_score", "away_team_score",
                   "winning_team_tricode", "season_opening_night"});
    for (auto gi : game_order) {
      const auto& g = lg.games[gi];
      w.field(g.nba_game_id).field(analytics_game_id(lg, g)).field(format_iso_date(g.date)).num(g.season_year);
      w.field(season_label(g.season_year)).field(g.regular_season ? "regular_season" : "playoffs").null();
      w.boolean(g.regular_season).boolean(false).boolean(!g.regular_season).num(3);
      w.field(lg.teams[static_cast<std::size_t>(g.home)]).field(lg.teams[static_cast<std::size_t>(g.away)]);
      w.num(g.home_points).num(g.away_points);
      w.field(lg.teams[static_cast<std::size_t>(g.home_points > g.away_points ? g.home : g.away)]);
      w.field(format_iso_date(opening.at(g.season_year)));
      w.end_row();
    }
    w.close();
    counts.games = lg.games.size();
  }

  // ---- team offense / defense / team context ----
  std::vector<std::vector<std::pair<Day, double>>> team_pace(lg.teams.size());  // for player context
  std::vector<std::vector<Day>> team_dates(lg.teams.size());
  std::vector<std::vector<std::pair<Day, double>>> team_points(lg.teams.size());  // for the game lines
  {
    CsvGzWriter off(path("team_offense_game_summary"),
                    {"game_id", "nba_game_id", "game_date", "team_abbr", "opponent_team_abbr", "season_year",
                     "points_scored", "fg_attempts", "fg_makes", "three_pt_attempts", "three_pt_makes", "ft_attempts",
                     "ft_makes", "turnovers", "offensive_rating", "pace", "possessions", "win_flag",
                     "margin_of_victory", "overtime_periods"},
                    Provenance::GameResult);
    CsvGzWriter def(path("team_defense_game_summary"),
                    {"game_id", "game_date", "defending_team_abbr", "opponent_team_abbr", "season_year",
                     "points_allowed", "opp_fg_attempts", "opp_fg_makes", "opp_three_pt_attempts",
                     "opp_three_pt_makes", "opp_ft_attempts", "opp_ft_makes", "opp_paint_attempts", "opp_paint_makes",
                     "opp_mid_range_attempts", "opp_mid_range_makes", "points_in_paint_allowed",
                     "mid_range_points_allowed", "three_pt_points_allowed", "blocks_paint", "blocks_mid_range",
                     "blocks_three_pt", "defensive_rating", "opponent_pace"},
                    Provenance::GameResult);
    CsvGzWriter ctx(path("upcoming_team_game_context"),
                    {"team_abbr", "game_id", "game_date", "season_year", "opponent_team_abbr", "home_game",
                     "game_spread", "game_total"},
                    Provenance::PreGame);
    for (auto gi : game_order) {
      const auto& g = lg.games[gi];
      std::vector<int> sides = {g.away, g.home};
      std::sort(sides.begin(), sides.end(), [&](int a, int b) {
        return lg.teams[static_cast<std::size_t>(a)] < lg.teams[static_cast<std::size_t>(b)];
      });
      for (int team : sides) {
        const TeamLine& t = team_line(gi, team);
        const TeamLine& o = team_line(gi, t.opponent);
        const std::string& me = lg.teams[static_cast<std::size_t>(team)];
        const std::string& opp = lg.teams[static_cast<std::size_t>(t.opponent)];
        const double poss = possessions(t), opp_poss_raw = o.fga + 0.44 * o.fta - o.oreb + o.tov;
        const double pace = python_round(poss * 48.0 / (t.minutes / 5.0), 1);
        off.field(analytics_game_id(lg, g)).field(g.nba_game_id).field(format_iso_date(g.date)).field(me).field(opp);
        off.num(g.season_year).num(t.points).num(t.fga).num(t.fgm).num(t.fg3a).num(t.fg3m).num(t.fta).num(t.ftm);
        off.num(t.tov).decimal_of(python_round(t.points / poss * 100.0, 2), 2).decimal_of(pace, 1);
        off.num(static_cast<long long>(poss)).boolean(t.points > o.points).num(t.points - o.points).num(g.overtimes);
        off.end_row(g.date);
        team_pace[static_cast<std::size_t>(team)].emplace_back(g.date, numeric_store(pace, 1));
        team_points[static_cast<std::size_t>(team)].emplace_back(g.date, t.points);
        team_dates[static_cast<std::size_t>(team)].push_back(g.date);

        def.field(analytics_game_id(lg, g)).field(format_iso_date(g.date)).field(me).field(opp).num(g.season_year);
        def.num(o.points).num(o.fga).num(o.fgm).num(o.fg3a).num(o.fg3m).num(o.fta).num(o.ftm);
        if (g.has_zones) {
          def.num(o.paint_a).num(o.paint_m).num(o.mid_a).num(o.mid_m).num(2 * o.paint_m).num(2 * o.mid_m);
        } else {
          def.null().null().null().null().null().null();
        }
        def.num(3 * o.fg3m).num(t.blocks_paint).num(t.blocks_mid).num(t.blocks_three);
        def.decimal_of(o.points / opp_poss_raw * 100.0, 2).decimal_of(opp_poss_raw, 1);
        def.end_row(g.date);

        ctx.field(me).field(g.nba_game_id).field(format_iso_date(g.date)).num(g.season_year).field(opp);
        ctx.boolean(team == g.home).null().null();
        ctx.end_row(g.date);
        counts.team_rows++;
      }
    }
    off.close();
    def.close();
    ctx.close();
  }

  // ---- player game summary + player context ----
  // The mean of a team's last 10 values before d (pace, points), nothing before its first game.
  auto last10 = [&](const std::vector<std::pair<Day, double>>& v, Day d) -> std::optional<double> {
    auto end = std::lower_bound(v.begin(), v.end(), d, [](const auto& p, Day x) { return p.first < x; });
    const auto n = std::min<std::ptrdiff_t>(10, end - v.begin());
    if (n == 0) return std::nullopt;
    double s = 0;
    for (auto it = end - n; it != end; ++it) s += it->second;
    return s / static_cast<double>(n);
  };
  auto previous_game = [&](int team, Day d) -> std::optional<int> {
    const auto& v = team_dates[static_cast<std::size_t>(team)];
    auto it = std::lower_bound(v.begin(), v.end(), d);
    if (it == v.begin() || *(it - 1) < d - 30) return std::nullopt;
    return d - *(it - 1);
  };
  std::vector<std::vector<PlayedGame>> history(lg.players.size());
  MarketTablesWriter market(out_dir);
  CsvGzWriter pgs(path("player_game_summary"),
                  {"player_lookup", "universal_player_id", "player_full_name", "game_id", "game_date", "team_abbr",
                   "opponent_team_abbr", "season_year", "points", "minutes_played", "assists", "offensive_rebounds",
                   "defensive_rebounds", "steals", "blocks", "turnovers", "fg_attempts", "fg_makes",
                   "three_pt_attempts", "three_pt_makes", "ft_attempts", "ft_makes", "personal_fouls",
                   "paint_attempts", "paint_makes", "mid_range_attempts", "mid_range_makes", "assisted_fg_makes",
                   "unassisted_fg_makes", "usage_rate", "ts_pct", "is_active", "is_dnp"},
                  Provenance::GameResult);
  CsvGzWriter upc(path("upcoming_player_game_context"),
                  {"player_lookup", "universal_player_id", "game_id", "game_date", "team_abbr", "opponent_team_abbr",
                   "home_game", "back_to_back", "days_rest", "games_in_last_7_days", "games_in_last_14_days",
                   "minutes_in_last_7_days", "minutes_in_last_14_days", "back_to_backs_last_14_days",
                   "avg_minutes_per_game_last_7", "fourth_quarter_minutes_last_7", "player_age",
                   "projected_usage_rate", "avg_usage_rate_last_7_games", "star_teammates_out", "pace_differential",
                   "opponent_pace_last_10", "opponent_days_rest", "season_phase", "game_total", "game_spread",
                   "prop_over_streak", "prop_under_streak", "player_status"},
                  Provenance::PreGame);
  for (auto gi : game_order) {
    const auto& g = lg.games[gi];
    std::vector<std::size_t> lines = lines_of_game[gi];
    std::sort(lines.begin(), lines.end(), [&](auto a, auto b) {
      return lg.players[static_cast<std::size_t>(lg.player_lines[a].player)].lookup <
             lg.players[static_cast<std::size_t>(lg.player_lines[b].player)].lookup;
    });
    for (auto li : lines) {
      const PlayerLine& pl = lg.player_lines[li];
      const Player& p = lg.players[static_cast<std::size_t>(pl.player)];
      const TeamLine& t = team_line(gi, pl.team);
      const std::string& team = lg.teams[static_cast<std::size_t>(pl.team)];
      const std::string& opp = lg.teams[static_cast<std::size_t>(pl.opponent)];
      const Day d = g.date;

      // Context is computed from games strictly before D (what is known pre-game).
      auto& h = history[static_cast<std::size_t>(pl.player)];
      int g7 = 0, g14 = 0, b2b = 0;
      std::int64_t m7 = 0, m14 = 0, u7 = 0, u7n = 0;
      std::optional<int> days_rest;
      Day prev14 = -100000;
      for (const auto& pg : h) {
        if (pg.date < d - 30 || pg.date >= d) continue;
        days_rest = d - pg.date;  // history is ascending: the last one wins
        if (pg.date > d - 14) {
          ++g14, m14 += pg.minutes_x10;
          if (pg.date == prev14 + 1) ++b2b;
          prev14 = pg.date;
        }
        if (pg.date > d - 7) {
          ++g7, m7 += pg.minutes_x10;
          if (pg.usage_x100) u7 += *pg.usage_x100, ++u7n;
        }
      }
      if (pl.active) market.add(p.lookup, static_cast<std::uint64_t>(pl.player), d, h);
      if (!pl.active) market.injury(p.lookup, team, d, "Out");
      else if (mix(static_cast<std::uint64_t>(pl.player) * 7919ULL + static_cast<std::uint64_t>(d)) % 13 == 0)
        market.injury(p.lookup, team, d, "Questionable");
      upc.field(p.lookup).field(p.universal_id).field(analytics_game_id(lg, g)).field(format_iso_date(d));
      upc.field(team).field(opp).boolean(pl.team == g.home).boolean(days_rest && *days_rest == 1).opt(days_rest);
      upc.num(g7).num(g14).num(m7 / 10).num(m14 / 10).num(b2b);
      const double avg7 = g7 ? python_round((static_cast<double>(m7) / 10.0) / g7, 1) : kNaN;
      upc.decimal_of(avg7 == 0 ? kNaN : avg7, 1).null().num(g.season_year - p.birth_year).null();
      if (u7n) {
        const std::int64_t q = (2 * u7 + u7n) / (2 * u7n);  // exact decimal mean, half away (values are >= 0)
        upc.decimal(q, 2);
      } else {
        upc.null();
      }
      upc.num(0);  // star_teammates_out: no injury report in the league, so no star is out
      const auto own = last10(team_pace[static_cast<std::size_t>(pl.team)], d);
      const auto other = last10(team_pace[static_cast<std::size_t>(pl.opponent)], d);
      upc.decimal_of(own && other ? python_round(*own - *other, 2) : 0.0, 1);
      upc.decimal_of(other ? python_round(*other, 2) : 0.0, 1);
      upc.opt(previous_game(pl.opponent, d)).field(season_phase(d));
      // The game's lines as UPCG holds them: one total for both teams and the
      // favourite's spread (<= 0) for both (spec processors-mlfs-v2.md 3.5),
      // from the teams' recent scoring, to the half point. No player prop
      // lines, so both prop streaks are 0 and player_status is NULL.
      const auto pts_own = last10(team_points[static_cast<std::size_t>(pl.team)], d);
      const auto pts_other = last10(team_points[static_cast<std::size_t>(pl.opponent)], d);
      if (pts_own && pts_other) {
        upc.decimal_of(std::round((*pts_own + *pts_other) * 2.0) / 2.0, 1);
        upc.decimal_of(-std::round(std::fabs(*pts_own - *pts_other) * 2.0) / 2.0, 1);
      } else {
        upc.null().null();
      }
      upc.num(0).num(0).null();
      upc.end_row(d);

      pgs.field(p.lookup).field(p.universal_id).field(p.full_name).field(analytics_game_id(lg, g));
      pgs.field(format_iso_date(d)).field(team).field(opp).num(g.season_year);
      if (!pl.active) {
        for (int k = 0; k < 23; ++k) pgs.null();  // points .. ts_pct
        pgs.boolean(false).boolean(true);
        pgs.end_row(d);
        counts.player_rows++;
        continue;
      }
      const double minutes = static_cast<double>(pl.minutes_x10) / 10.0;
      pgs.num(pl.points).decimal(pl.minutes_x10, 1).num(pl.ast).num(pl.oreb).num(pl.dreb).num(pl.stl).num(pl.blk);
      pgs.num(pl.tov).num(pl.fga).num(pl.fgm).num(pl.fg3a).num(pl.fg3m).num(pl.fta).num(pl.ftm).num(pl.pf);
      if (g.has_zones) {
        pgs.num(pl.paint_a).num(pl.paint_m).num(pl.mid_a).num(pl.mid_m);
      } else {
        pgs.null().null().null().null();
      }
      pgs.num(pl.assisted).num(pl.fgm - pl.assisted);
      const double usage = python_round(100.0 * (pl.fga + 0.44 * pl.fta + pl.tov) * 48.0 /
                                            (minutes * (t.fga + 0.44 * t.fta + t.tov)),
                                        1);
      const bool usage_ok = minutes > 0 && usage <= 100.0;
      pgs.decimal_of(usage_ok ? usage : kNaN, 2);
      const double ts_den = 2.0 * (pl.fga + 0.44 * pl.fta);
      pgs.decimal_of(ts_den > 0 ? python_round(pl.points / ts_den, 3) : kNaN, 3);
      pgs.boolean(true).boolean(false);
      pgs.end_row(d);
      counts.player_rows++;
      h.push_back({d, pl.minutes_x10,
                   usage_ok ? std::optional<std::int64_t>(std::llround(numeric_store(usage, 2) * 100)) : std::nullopt,
                   pl.points});
    }
  }
  pgs.close();
  upc.close();
  market.close();
  return counts;
}

}  // namespace nba::synth
