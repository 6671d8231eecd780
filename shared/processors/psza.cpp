#include "processors/psza.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/rounding.hpp"
#include "phase3/table.hpp"
#include "core/sha256.hpp"
#include "processors/row_hash.hpp"
#include "processors/source_hashes.hpp"

namespace nba::psza {

namespace {


bool qualifies(const PlayerGame& g) {
  // SQL: is_active = TRUE AND (minutes_played > 0 OR fg_attempts > 0); NULLs never qualify.
  if (g.is_active != 1) return false;
  return (g.minutes_x10 != kNull && g.minutes_x10 > 0) || (g.fg_attempts != kNull && g.fg_attempts > 0);
}

using Field = std::int64_t PlayerGame::*;

// Sums over a window of newest-first rows, NULL as 0, and whether each of the
// three attempt columns has at least one non-NULL value (zones_complete).
struct WindowSums {
  std::int64_t pa = 0, pm = 0, ma = 0, mm = 0, ta = 0, tm = 0, fgm = 0, ast = 0, unast = 0;
  bool zones_complete = false;
  int games = 0;
};

WindowSums sum_window(const std::vector<const PlayerGame*>& rows, std::size_t n) {
  WindowSums s;
  bool any_pa = false, any_ma = false, any_ta = false;
  auto add = [](std::int64_t& acc, std::int64_t v) {
    if (v != kNull) acc += v;
  };
  for (std::size_t i = 0; i < n && i < rows.size(); ++i) {
    const PlayerGame& g = *rows[i];
    add(s.pa, g.paint_attempts), add(s.pm, g.paint_makes), add(s.ma, g.mid_range_attempts);
    add(s.mm, g.mid_range_makes), add(s.ta, g.three_pt_attempts), add(s.tm, g.three_pt_makes);
    add(s.fgm, g.fg_makes), add(s.ast, g.assisted_fg_makes), add(s.unast, g.unassisted_fg_makes);
    any_pa |= g.paint_attempts != kNull, any_ma |= g.mid_range_attempts != kNull;
    any_ta |= g.three_pt_attempts != kNull;
    ++s.games;
  }
  s.zones_complete = any_pa && any_ma && any_ta;
  return s;
}

// Decision 2: a value is rounded numpy's way when any operand column is free of
// NULLs over the player's extracted rows (pandas then sums to numpy scalars),
// otherwise Python's way.
class Rounder {
 public:
  explicit Rounder(const std::vector<const PlayerGame*>& extracted) : rows_(extracted) {}
  double operator()(double x, int digits, std::initializer_list<Field> operands) const {
    bool numpy = false;
    for (Field f : operands) numpy = numpy || no_nulls(f);
    const double r = numpy ? numpy_round(x, digits) : python_round(x, digits);
    return numeric_store(r, digits);  // a no-op after rounding to the column scale, kept as the contract
  }

 private:
  // Remembered per column: a row's values are asked about once per rounded
  // value (up to 3 columns each), and walking the rows every time was a fifth
  // of build_row's own time.
  bool no_nulls(Field f) const {
    for (std::size_t i = 0; i < known_; ++i)
      if (known_fields_[i] == f) return known_answers_[i];
    bool answer = true;
    for (const PlayerGame* g : rows_)
      if (g->*f == kNull) {
        answer = false;
        break;
      }
    if (known_ < kMemo) known_fields_[known_] = f, known_answers_[known_++] = answer;
    return answer;
  }
  static constexpr std::size_t kMemo = 12;  // build_row asks about 9 columns
  const std::vector<const PlayerGame*>& rows_;
  mutable std::array<Field, kMemo> known_fields_{};
  mutable std::array<bool, kMemo> known_answers_{};
  mutable std::size_t known_ = 0;
};

bool in_range(double v, double lo, double hi) { return std::isnan(v) || (v >= lo && v <= hi); }

}  // namespace

int min_games_required(int d) {
  if (d <= 21) return std::min(3 + d / 3, 9);
  return kWindow;
}

std::string sample_quality(std::int64_t games, int target) {
  if (games >= target) return "excellent";
  if (games >= (target * 7) / 10) return "good";
  if (games >= target / 2) return "limited";
  return "insufficient";
}

std::string primary_scoring_zone(double paint, double mid, double three) {
  auto z = [](double v) { return std::isnan(v) ? 0.0 : v; };
  paint = z(paint), mid = z(mid), three = z(three);
  if (paint == 0 && mid == 0 && three == 0) return "";
  if (paint >= 40) return "paint";
  if (three >= 40) return "perimeter";
  if (mid >= 35) return "mid_range";
  return "balanced";
}

RowOrFailure build_row(const std::string& player_lookup, const std::vector<const PlayerGame*>& extracted,
                       Day analysis_date, int min_games) {
  constexpr Field kPA = &PlayerGame::paint_attempts, kPM = &PlayerGame::paint_makes;
  constexpr Field kMA = &PlayerGame::mid_range_attempts, kMM = &PlayerGame::mid_range_makes;
  constexpr Field kTA = &PlayerGame::three_pt_attempts, kTM = &PlayerGame::three_pt_makes;
  constexpr Field kFGM = &PlayerGame::fg_makes;
  const int g10 = static_cast<int>(std::min<std::size_t>(extracted.size(), kWindow));
  const int g20 = static_cast<int>(extracted.size());
  const Rounder round(extracted);
  const WindowSums w = sum_window(extracted, kWindow);
  const std::int64_t total = w.pa + w.ma + w.ta;

  Row row;
  row.player_lookup = player_lookup;
  row.universal_player_id = extracted.front()->universal_player_id;
  row.analysis_date = analysis_date;
  row.paint_rate_last_10 = row.mid_range_rate_last_10 = row.three_pt_rate_last_10 = kNaN;
  if (w.zones_complete && total > 0) {
    const double t = static_cast<double>(total);
    const double p = round(static_cast<double>(w.pa) / t * 100, 2, {kPA, kMA, kTA});
    const double m = round(static_cast<double>(w.ma) / t * 100, 2, {kPA, kMA, kTA});
    const double h = round(static_cast<double>(w.ta) / t * 100, 2, {kPA, kMA, kTA});
    if (std::abs(p + m + h - 100.0) <= 2.0) {
      row.paint_rate_last_10 = p, row.mid_range_rate_last_10 = m, row.three_pt_rate_last_10 = h;
    }
  }
  row.total_shots_last_10 = total > 0 ? static_cast<double>(total) : kNaN;
  auto pct = [&](std::int64_t makes, std::int64_t att, Field fm, Field fa) {
    return att == 0 ? kNaN : round(static_cast<double>(makes) / static_cast<double>(att), 3, {fm, fa});
  };
  row.paint_pct_last_10 = pct(w.pm, w.pa, kPM, kPA);
  row.mid_range_pct_last_10 = pct(w.mm, w.ma, kMM, kMA);
  row.three_pt_pct_last_10 = pct(w.tm, w.ta, kTM, kTA);
  row.paint_attempts_per_game = round(static_cast<double>(w.pa) / g10, 1, {kPA});
  row.mid_range_attempts_per_game = round(static_cast<double>(w.ma) / g10, 1, {kMA});
  row.three_pt_attempts_per_game = round(static_cast<double>(w.ta) / g10, 1, {kTA});
  row.games_in_sample_10 = g10;
  row.sample_quality_10 = sample_quality(g10, kWindow);
  row.games_in_sample_20 = g20;
  row.sample_quality_20 = sample_quality(g20, kTrendWindow);
  row.paint_rate_last_20 = row.paint_pct_last_20 = kNaN;
  if (g20 >= kTrendMinimum) {
    const WindowSums w20 = sum_window(extracted, kTrendWindow);
    const std::int64_t t20 = w20.pa + w20.ma + w20.ta;
    if (w20.zones_complete && t20 > 0)
      row.paint_rate_last_20 = round(static_cast<double>(w20.pa) / static_cast<double>(t20) * 100, 2, {kPA, kMA, kTA});
    row.paint_pct_last_20 = pct(w20.pm, w20.pa, kPM, kPA);
  }
  row.assisted_rate_last_10 = row.unassisted_rate_last_10 = kNaN;
  if (w.zones_complete && total > 0 && w.fgm > 0) {
    const double f = static_cast<double>(w.fgm);
    row.assisted_rate_last_10 = round(static_cast<double>(w.ast) / f * 100, 2, {&PlayerGame::assisted_fg_makes, kFGM});
    row.unassisted_rate_last_10 =
        round(static_cast<double>(w.unast) / f * 100, 2, {&PlayerGame::unassisted_fg_makes, kFGM});
  }
  row.primary_scoring_zone =
      primary_scoring_zone(row.paint_rate_last_10, row.mid_range_rate_last_10, row.three_pt_rate_last_10);
  row.data_quality_tier = "high";  // default path: g10 >= the dynamic minimum for every written row
  row.early_season_flag = min_games < kWindow;

  // Pre-write validation (spec 3.9) on the record's (rounded) values.
  struct Rule {
    const char* column;
    double value, lo, hi;
  };
  const Rule rules[] = {
      {"paint_rate_last_10", row.paint_rate_last_10, 0, 100},
      {"mid_range_rate_last_10", row.mid_range_rate_last_10, 0, 100},
      {"three_pt_rate_last_10", row.three_pt_rate_last_10, 0, 100},
      {"paint_pct_last_10", row.paint_pct_last_10, 0, 1},
      {"mid_range_pct_last_10", row.mid_range_pct_last_10, 0, 1},
      {"three_pt_pct_last_10", row.three_pt_pct_last_10, 0, 1},
      {"paint_attempts_per_game", row.paint_attempts_per_game, 0, 40},
      {"mid_range_attempts_per_game", row.mid_range_attempts_per_game, 0, 40},
      {"three_pt_attempts_per_game", row.three_pt_attempts_per_game, 0, 40},
      {"total_shots_last_10", row.total_shots_last_10, 0, 400},
  };
  for (const auto& r : rules)
    if (!in_range(r.value, r.lo, r.hi)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s=%.17g outside [%g, %g]", r.column, r.value, r.lo, r.hi);
      return {std::nullopt, FailureRecord{"psza", analysis_date, player_lookup, failure_category::kPreWriteBlocked, buf}};
    }
  return {std::move(row), std::nullopt};
}

namespace {

// One player's row or failure for the date, from his games [lo, hi); neither
// when none of them qualifies (he is not an entity of the date).
RowOrFailure evaluate_player(const PlayerGameHistory::Player& player, std::size_t lo, std::size_t hi, Day analysis_date,
                             int min_games, std::vector<const PlayerGame*>& extracted) {
  extracted.clear();
  for (std::size_t i = hi; i > lo && extracted.size() < kTrendWindow; --i)
    if (qualifies(player.games[i - 1])) extracted.push_back(&player.games[i - 1]);
  if (extracted.empty()) return {};
  const int g10 = static_cast<int>(std::min<std::size_t>(extracted.size(), kWindow));
  if (g10 < min_games)
    // Backfill mode: expected = extracted rows, so both are below the minimum.
    return {std::nullopt, FailureRecord{"psza", analysis_date, player.player_lookup, "EXPECTED_INCOMPLETE",
                                        "Season bootstrap: " + std::to_string(g10) + "/" +
                                            std::to_string(extracted.size()) + " games (need " +
                                            std::to_string(min_games) + ")"}};
  return build_row(player.player_lookup, extracted, analysis_date, min_games);
}

// Appends an outcome computed for this date or another with the same window, dated `d`.
void append_dated(Result& result, const Memo::Entry& m, Day d, std::string_view date_text,
                  std::string_view source_hash) {
  const RowOrFailure& outcome = m.outcome;
  if (outcome.row) {
    Row& row = result.rows.emplace_back(*outcome.row);
    row.analysis_date = d;
    row.source_player_game_hash = source_hash;
    row.data_hash = row_data_hash(date_text, m.hash_fields);
  } else {
    result.failures.push_back(*outcome.failure);
    result.failures.back().date = d;
  }
}

// The player's games in [season_start, analysis_date) as an index range. Dates
// are sorted, so when the memo holds the range of an earlier date of the same
// season, the new range starts where that one did and ends a few games later.
std::pair<std::size_t, std::size_t> games_before(const PlayerGameHistory::Player& player, const Memo::Entry& m,
                                                 Day season_start, Day analysis_date) {
  if (!m.valid || m.season_start != season_start || m.through > analysis_date)
    return date_range(player, season_start, analysis_date);
  std::size_t hi = m.hi;
  while (hi < player.dates.size() && player.dates[hi] < analysis_date) ++hi;
  return {m.lo, hi};
}

}  // namespace

bool is_entity(const PlayerGameHistory::Player& player, Day season_start, Day analysis_date) {
  const auto [lo, hi] = date_range(player, season_start, analysis_date);
  for (std::size_t i = lo; i < hi; ++i)
    if (qualifies(player.games[i])) return true;
  return false;
}

std::string row_data_hash(const Row& row) { return row_data_hash(format_iso_date(row.analysis_date), row_hash_fields(row)); }

std::string row_data_hash(std::string_view date_text, const std::string& hash_fields) {
  return sha256_hex({"analysis_date:", date_text, "|", hash_fields}, 16);
}

std::string row_hash_fields(const Row& row) {
  FieldHash16 h;  // every field after analysis_date, which sorts first
  h.num("assisted_rate_last_10", row.assisted_rate_last_10);
  h.null("calculation_notes");
  h.str("data_quality_tier", row.data_quality_tier);
  h.integer("games_in_sample_10", row.games_in_sample_10);
  h.integer("games_in_sample_20", row.games_in_sample_20);
  h.num("mid_range_attempts_per_game", row.mid_range_attempts_per_game);
  h.num("mid_range_pct_last_10", row.mid_range_pct_last_10);
  h.num("mid_range_rate_last_10", row.mid_range_rate_last_10);
  h.num("paint_attempts_per_game", row.paint_attempts_per_game);
  h.num("paint_pct_last_10", row.paint_pct_last_10);
  h.num("paint_pct_last_20", row.paint_pct_last_20);
  h.num("paint_rate_last_10", row.paint_rate_last_10);
  h.num("paint_rate_last_20", row.paint_rate_last_20);
  h.str("player_lookup", row.player_lookup);
  h.null("player_position");
  h.str("primary_scoring_zone", row.primary_scoring_zone);
  h.str("sample_quality_10", row.sample_quality_10);
  h.str("sample_quality_20", row.sample_quality_20);
  h.num("three_pt_attempts_per_game", row.three_pt_attempts_per_game);
  h.num("three_pt_pct_last_10", row.three_pt_pct_last_10);
  h.num("three_pt_rate_last_10", row.three_pt_rate_last_10);
  h.integer_or_null("total_shots_last_10", row.total_shots_last_10);
  h.num("unassisted_rate_last_10", row.unassisted_rate_last_10);
  h.str("universal_player_id", row.universal_player_id);
  return h.canonical();
}

Result compute(const PlayerGameHistory& history, Day analysis_date, Day season_start, Memo* memo,
               std::string_view source_player_game_hash) {
  Result result;
  const int min_games = min_games_required(analysis_date - season_start);
  std::vector<const PlayerGame*> extracted;
  const std::string date_text = format_iso_date(analysis_date);
  const auto& players = history.players_in_seasons_of(season_start, analysis_date);
  result.rows.reserve(players.size());  // rows are large: no moving them at every growth
  for (const std::uint32_t pos : players) {
    const auto& player = history.players[pos];
    Memo::Entry fresh;  // without a memo every date starts from nothing
    Memo::Entry& m = memo ? memo->of_player(pos) : fresh;
    const auto [lo, hi] = games_before(player, m, season_start, analysis_date);
    if (!m.valid || m.lo != lo || m.hi != hi || m.min_games != min_games) {
      m = {true, lo, hi, min_games, evaluate_player(player, lo, hi, analysis_date, min_games, extracted), {}};
      if (m.outcome.row) m.hash_fields = row_hash_fields(*m.outcome.row);
    }
    m.season_start = season_start, m.through = analysis_date;
    if (!m.outcome.row && !m.outcome.failure) continue;
    ++result.entities;
    append_dated(result, m, analysis_date, date_text, source_player_game_hash);
  }
  return result;
}

OutputTable to_table(RowBatches<Row> rows) {
  OutputTable t("psza");
  t.add_rows(rows, [&](const auto& rows) {
    t.add_str("player_lookup", 48, rows, &Row::player_lookup);
    t.add_str("universal_player_id", 48, rows, &Row::universal_player_id);
    t.add_date("analysis_date", rows, &Row::analysis_date);
    t.add_f64("paint_rate_last_10", rows, [](const Row& r) { return r.paint_rate_last_10; });
    t.add_f64("mid_range_rate_last_10", rows, [](const Row& r) { return r.mid_range_rate_last_10; });
    t.add_f64("three_pt_rate_last_10", rows, [](const Row& r) { return r.three_pt_rate_last_10; });
    t.add_f64("total_shots_last_10", rows, [](const Row& r) { return r.total_shots_last_10; });
    t.add_i64("games_in_sample_10", rows, [](const Row& r) { return r.games_in_sample_10; });
    t.add_str("sample_quality_10", 16, rows, &Row::sample_quality_10);
    t.add_f64("paint_pct_last_10", rows, [](const Row& r) { return r.paint_pct_last_10; });
    t.add_f64("mid_range_pct_last_10", rows, [](const Row& r) { return r.mid_range_pct_last_10; });
    t.add_f64("three_pt_pct_last_10", rows, [](const Row& r) { return r.three_pt_pct_last_10; });
    t.add_f64("paint_attempts_per_game", rows, [](const Row& r) { return r.paint_attempts_per_game; });
    t.add_f64("mid_range_attempts_per_game", rows, [](const Row& r) { return r.mid_range_attempts_per_game; });
    t.add_f64("three_pt_attempts_per_game", rows, [](const Row& r) { return r.three_pt_attempts_per_game; });
    t.add_f64("paint_rate_last_20", rows, [](const Row& r) { return r.paint_rate_last_20; });
    t.add_f64("paint_pct_last_20", rows, [](const Row& r) { return r.paint_pct_last_20; });
    t.add_i64("games_in_sample_20", rows, [](const Row& r) { return r.games_in_sample_20; });
    t.add_str("sample_quality_20", 16, rows, &Row::sample_quality_20);
    t.add_f64("assisted_rate_last_10", rows, [](const Row& r) { return r.assisted_rate_last_10; });
    t.add_f64("unassisted_rate_last_10", rows, [](const Row& r) { return r.unassisted_rate_last_10; });
    t.add_str("primary_scoring_zone", 16, rows, &Row::primary_scoring_zone);
    t.add_str("data_quality_tier", 8, rows, &Row::data_quality_tier);
    t.add_bool("early_season_flag", rows, [](const Row& r) { return std::int64_t{r.early_season_flag}; });
    t.add_str("source_player_game_hash", kHashWidth, rows, &Row::source_player_game_hash);
    t.add_str("data_hash", kHashWidth, rows, &Row::data_hash);
  });
  return t;
}

}  // namespace nba::psza
