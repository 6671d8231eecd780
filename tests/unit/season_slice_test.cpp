// Season-scoped input (decision 57): a unit computed from its season's slice of
// the input store must equal the same unit computed from every row, and the
// slice must hold no rows older than the season's reach.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>

#include "calendar/season_calendar.hpp"
#include "engine/phase4_engine.hpp"
#include "phase3/phase3_import.hpp"
#include "plan/input_fingerprints.hpp"
#include "plan/store_writing.hpp"
#include "processors/input_reach.hpp"
#include "processors/processor_table.hpp"
#include "store/input_store.hpp"
#include "synth/league_model.hpp"
#include "synth/phase3_writer.hpp"
#include "test_support.hpp"

namespace nba {
namespace {

// Three synthetic seasons, 2022-23 to 2024-25, imported once for the file.
const Phase3Data& league() {
  static const std::unique_ptr<Phase3Data> data = [] {
    test::TempDir dir;
    synth::write_phase3_csv(synth::generate_league({7, 2022, 3, 0.5}), dir.file("csv"));
    return std::make_unique<Phase3Data>(import_phase3_dir(dir.file("csv")).data);
  }();
  return *data;
}

std::string store_of(const test::TempDir& dir, const Phase3Data& data) {
  const std::string path = dir.file("store.h5");
  write_store_of(path, data);
  return path;
}

// `t` without the rows `drop` selects.
void drop_rows(Table& t, const std::function<bool(std::size_t)>& drop) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < t.rows(); ++i) {
    if (drop(i)) continue;
    for (auto& c : t.columns()) c.values[kept] = c.values[i];
    ++kept;
  }
  for (auto& c : t.columns()) c.values.resize(kept);
  t.set_rows(kept);
}

std::int64_t id_of(const Phase3Data& data, const std::string& s) {
  const std::int64_t id = data.strings.find(s);
  EXPECT_GE(id, 0) << s;
  return id;
}

// Leaves `team` only its newest `keep` team-offense games of `season`.
void thin_out_team(Phase3Data& data, const std::string& team, int season, std::size_t keep) {
  Table& togs = data.table(tables::kTeamOffense);
  const auto &abbr = togs.values("team_abbr"), &date = togs.values("game_date");
  const std::int64_t id = id_of(data, team);
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < togs.rows(); ++i)
    if (abbr[i] == id && season_year_of(static_cast<Day>(date[i])) == season) rows.push_back(i);
  ASSERT_GT(rows.size(), keep);
  std::sort(rows.begin(), rows.end(), [&](auto a, auto b) { return date[a] > date[b]; });
  std::vector<bool> drop(togs.rows());
  for (std::size_t k = keep; k < rows.size(); ++k) drop[rows[k]] = true;
  drop_rows(togs, [&](std::size_t i) { return drop[i]; });
}

// Every output table, failure and status of `dates`, compared value for value.
void expect_same_units(const Phase4Engine& sliced, const Phase4Engine& full, const std::vector<Day>& dates) {
  for (const Day d : dates) {
    UnitOutput a, b;
    sliced.compute_date(d, a);
    full.compute_date(d, b);
    std::vector<OutputTable> ta = a.tables(processor_names()), tb = b.tables(processor_names());
    ASSERT_GE(ta.size(), kProcessorCount);
    ta.push_back(failures_table(a.failures)), tb.push_back(failures_table(b.failures));
    ta.push_back(date_status_table(a.statuses)), tb.push_back(date_status_table(b.statuses));
    ASSERT_EQ(ta.size(), tb.size());
    for (std::size_t t = 0; t < ta.size(); ++t) {
      ASSERT_EQ(ta[t].rows(), tb[t].rows()) << ta[t].name() << " " << format_iso_date(d);
      ASSERT_EQ(ta[t].columns().size(), tb[t].columns().size());
      for (std::size_t c = 0; c < ta[t].columns().size(); ++c) {
        const OutColumn &x = ta[t].columns()[c], &y = tb[t].columns()[c];
        const bool same = x.i64 == y.i64 && x.fixed == y.fixed && x.i8 == y.i8 && x.f64.size() == y.f64.size() &&
                          std::memcmp(x.f64.data(), y.f64.data(), x.f64.size() * sizeof(double)) == 0;
        EXPECT_TRUE(same) << ta[t].name() << "." << x.name << " on " << format_iso_date(d);
      }
    }
  }
}

// The first three game dates of a season, one in its middle and its last.
std::vector<Day> sample_dates(const SeasonCalendar& calendar, int season) {
  std::vector<Day> in_season;
  for (const Day d : calendar.game_dates())
    if (season_year_of(d) == season) in_season.push_back(d);
  if (in_season.size() < 4) return in_season;
  return {in_season[0], in_season[1], in_season[2], in_season[in_season.size() / 2], in_season.back()};
}

void expect_slices_match(const Phase3Data& data, const std::string& store_path) {
  const InputStore store(store_path);
  const Phase4Engine full(data);
  const SeasonCalendar calendar = build_season_calendar(data);
  for (const auto& [season, reach] : store.season_reach()) {
    SCOPED_TRACE(season_label(season));
    const Phase3Data slice = store.read_for_season(season);
    expect_same_units(Phase4Engine(slice), full, sample_dates(calendar, season));
  }
}

TEST(SeasonReach, FixedWindowsReachThePreviousSeasonOnly) {
  EXPECT_EQ(season_reach(league()), (std::map<int, int>{{2022, 2021}, {2023, 2022}, {2024, 2023}}));
}

TEST(SeasonReach, ThinDataReachesFurther) {
  {  // a team with 3 TOGS games in 2023-24: its 10-game window before 2024-25 reaches 2022-23
    Phase3Data data = league();
    thin_out_team(data, "BOS", 2023, 3);
    EXPECT_EQ(season_reach(data).at(2024), 2022);
  }
  {  // a box score labelled 2024 but dated in 2022-23 (PDC's season rows go by the label)
    Phase3Data data = league();
    Table& pgs = data.table(tables::kPlayerGames);
    pgs.column("season_year").values[0] = 2024;
    ASSERT_EQ(season_year_of(static_cast<Day>(pgs.values("game_date")[0])), 2022);
    EXPECT_EQ(season_reach(data).at(2024), 2022);
  }
}

TEST(SeasonSlice, HoldsItsSeasonsRowsAndNoneOlder) {
  test::TempDir dir;
  const InputStore store(store_of(dir, league()));
  const Phase3Data slice = store.read_for_season(2024);
  std::size_t rows = 0, expected = 0;
  for (const auto& t : slice.tables) {
    rows += t.rows();
    for (const std::int64_t d : t.values(phase3_table_spec(t.name()).date_column))
      EXPECT_GE(d, october_first(2023)) << t.name();
    for (const std::int64_t d : league().table(t.name()).values(phase3_table_spec(t.name()).date_column))
      expected += season_year_of(static_cast<Day>(d)) >= 2023;
  }
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(rows, store.rows_in(2023, 2024));
  EXPECT_LT(rows, store.rows_in(2022, 2024));
  // Every string the slice holds is one of its rows' (or a carried pick's), in byte order.
  for (std::size_t i = 1; i < slice.strings.size(); ++i)
    EXPECT_LT(slice.strings.at(static_cast<std::int64_t>(i - 1)), slice.strings.at(static_cast<std::int64_t>(i)));
  EXPECT_LT(slice.strings.size(), store.read_all().strings.size());
}

TEST(SeasonSlice, UnitsFromTheSliceEqualUnitsFromEveryRow) {
  test::TempDir dir;
  expect_slices_match(league(), store_of(dir, league()));
}

TEST(SeasonSlice, CarriesTheSourceHashPickOfRowsItLeavesOut) {
  // An old box score reprocessed last: every later date's source_player_game_hash
  // picks it, also where the slice no longer holds its season.
  Phase3Data data = league();
  Table& pgs = data.table(tables::kPlayerGames);
  auto& processed = pgs.column("processed_at").values;
  processed[0] = *std::max_element(processed.begin(), processed.end()) + 1;
  test::TempDir dir;
  const std::string path = store_of(dir, data);
  EXPECT_FALSE(InputStore(path).read_for_season(2024).carried_picks.empty());
  expect_slices_match(data, path);
}

TEST(SeasonSlice, ThinDataIsReadFromFurtherBack) {
  Phase3Data data = league();
  thin_out_team(data, "BOS", 2023, 3);
  test::TempDir dir;
  const std::string path = store_of(dir, data);
  EXPECT_EQ(InputStore(path).season_reach().at(2024), 2022);
  expect_slices_match(data, path);
}

}  // namespace
}  // namespace nba
