#include <gtest/gtest.h>

#include <set>

#include "core/errors.hpp"
#include "plan/date_selection.hpp"
#include "plan/work_plan.hpp"
#include "test_support.hpp"

using namespace nba;

namespace {
Day d(const char* s) { return *parse_iso_date(s); }

// Two seasons; games every day from opening night for 60 days.
SeasonCalendar calendar() {
  std::set<Day> games;
  for (Day x = d("2023-10-24"); x < d("2023-10-24") + 60; ++x) games.insert(x);
  for (Day x = d("2024-10-22"); x < d("2024-10-22") + 60; ++x) games.insert(x);
  return SeasonCalendar({{2023, d("2023-10-24")}, {2024, d("2024-10-22")}}, games);
}
}  // namespace

TEST(DateSelection, SplitsBootstrapDatesAndAppliesFilters) {
  const auto cal = calendar();
  auto sel = select_dates(cal, {});
  EXPECT_EQ(sel.bootstrap.size(), 28u);
  EXPECT_EQ(sel.compute.size(), 92u);
  EXPECT_EQ(sel.bootstrap.front(), d("2023-10-24"));
  EXPECT_EQ(sel.compute.front(), d("2023-11-07"));  // opening night + 14

  DateSelectionOptions o;
  o.season = 2024;
  sel = select_dates(cal, o);
  EXPECT_EQ(sel.compute.front(), d("2024-11-05"));
  EXPECT_EQ(sel.compute.size() + sel.bootstrap.size(), 60u);

  o = {};
  o.start = d("2023-11-10");
  o.end = d("2023-11-12");
  EXPECT_EQ(select_dates(cal, o).compute.size(), 3u);
}

TEST(DateSelection, ExplicitDatesWithoutGamesAreReportedNotDropped) {
  DateSelectionOptions o;
  o.dates = std::vector<Day>{d("2023-11-10"), d("2023-07-04")};
  const auto sel = select_dates(calendar(), o);
  EXPECT_EQ(sel.compute, std::vector<Day>{d("2023-11-10")});
  EXPECT_EQ(sel.no_games, std::vector<Day>{d("2023-07-04")});
}

TEST(DateSelection, InvertedRangeUnknownSeasonAndEmptySelectionAreUsageErrors) {
  DateSelectionOptions o;
  o.start = d("2024-01-02");
  o.end = d("2024-01-01");
  EXPECT_THROW(select_dates(calendar(), o), UsageError);
  o = {};
  o.season = 1999;
  EXPECT_THROW(select_dates(calendar(), o), UsageError);
  o = {};
  o.start = d("2030-01-01");
  EXPECT_THROW(select_dates(calendar(), o), UsageError);
}

TEST(DatesFile, ParsesCommentsAndNamesTheBadLine) {
  test::TempDir dir;
  test::write_text(dir.file("ok.txt"), "# gaps\n2024-01-02\n\n 2024-01-05 \r\n");
  EXPECT_EQ(read_dates_file(dir.file("ok.txt")).size(), 2u);
  test::write_text(dir.file("bad.txt"), "2024-01-02\n2024-13-01\n");
  try {
    read_dates_file(dir.file("bad.txt"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
  }
}

TEST(Partition, UnitsNeverSpanSeasonsAndCoverEveryDateOnce) {
  const auto cal = calendar();
  const auto dates = select_dates(cal, {}).compute;
  for (const char* spec : {"season", "year", "month", "week", "days:1", "days:14", "days:400"}) {
    const auto units = partition_dates(dates, PartitionSpec::parse(spec), cal, [](Day) { return 1.0; });
    std::size_t covered = 0;
    Day previous = -1;
    for (const auto& u : units) {
      for (Day x : u.dates) {
        EXPECT_EQ(season_year_of(x), u.season) << spec;
        EXPECT_GT(x, previous) << spec;  // chronological, disjoint
        previous = x;
      }
      covered += u.dates.size();
    }
    EXPECT_EQ(covered, dates.size()) << spec;
  }
  EXPECT_EQ(partition_dates(dates, PartitionSpec::parse("season"), cal, [](Day) { return 1.0; }).size(), 2u);
  EXPECT_EQ(partition_dates(dates, PartitionSpec::parse("days:1"), cal, [](Day) { return 1.0; }).size(), dates.size());
}

TEST(Partition, DaysBlocksAreAlignedToOpeningNight) {
  const auto cal = calendar();
  const auto units =
      partition_dates(select_dates(cal, {}).compute, PartitionSpec::parse("days:14"), cal, [](Day) { return 1.0; });
  EXPECT_EQ(units.front().dates.front(), d("2023-11-07"));
  EXPECT_EQ(units.front().dates.back(), d("2023-11-20"));
  EXPECT_EQ(units.front().name(), "2023-11-07_2023-11-20");
}

TEST(Partition, AutoPicksTheLargestBlocksThatGiveEachWorkerFourUnits) {
  const auto cal = calendar();
  const auto dates = select_dates(cal, {}).compute;
  auto units_with = [&](int days) {
    return partition_dates(dates, PartitionSpec::parse("days:" + std::to_string(days)), cal, [](Day) { return 1.0; })
        .size();
  };
  std::set<int> chosen;
  for (int workers : {1, 2, 3, 5, 8, 20, 1000}) {
    const PartitionSpec p = resolve_partition(PartitionSpec::parse("auto"), dates, cal, workers);
    ASSERT_EQ(p.kind, PartitionSpec::Kind::Days) << workers;
    chosen.insert(p.days);
    const std::size_t wanted = 4u * static_cast<std::size_t>(workers);
    // Enough units, unless even the smallest blocks cannot give that many ...
    EXPECT_TRUE(units_with(p.days) >= wanted || p.days == 7) << workers << " workers: days:" << p.days;
    // ... and no larger choice would have given enough.
    for (int larger : kAutoBlockDays) {
      if (larger > p.days) {
        EXPECT_LT(units_with(larger), wanted) << workers << " workers: days:" << larger;
      }
    }
  }
  EXPECT_GT(chosen.size(), 1u);  // the worker count does change the choice
  EXPECT_EQ(resolve_partition(PartitionSpec::parse("week"), dates, cal, 1000).to_string(), "week");
  EXPECT_THROW(partition_dates(dates, PartitionSpec::parse("auto"), cal, [](Day) { return 1.0; }), std::logic_error);
}

TEST(Partition, BadSpecsAreUsageErrors) {
  for (const char* bad : {"", "days", "days:0", "days:x", "fortnight", "days:-3"})
    EXPECT_THROW(PartitionSpec::parse(bad), UsageError) << bad;
}

TEST(DispatchOrder, LargestEstimatedCostFirstTiesByChronology) {
  std::vector<WorkUnit> units(4);
  const double costs[] = {5, 9, 5, 1};
  for (int i = 0; i < 4; ++i) units[static_cast<std::size_t>(i)].id = i, units[static_cast<std::size_t>(i)].estimated_cost = costs[i];
  EXPECT_EQ(dispatch_order(units), (std::vector<std::int32_t>{1, 0, 2, 3}));
}
