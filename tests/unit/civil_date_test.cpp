#include <gtest/gtest.h>

#include <cstdio>

#include "core/civil_date.hpp"

using namespace nba;

TEST(CivilDate, RoundTripsAndRejectsInvalidDates) {
  auto d = parse_iso_date("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_iso_date(*d), "2024-02-29");
  EXPECT_EQ(*parse_iso_date("1970-01-01"), 0);
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-13-01"));
  EXPECT_FALSE(parse_iso_date("2023-1-01"));
  EXPECT_FALSE(parse_iso_date("2023/01/01"));
  EXPECT_FALSE(parse_iso_date(""));
}

TEST(CivilDate, SeasonYearFollowsTheOctoberRule) {
  EXPECT_EQ(season_year_of(*parse_iso_date("2024-10-01")), 2024);
  EXPECT_EQ(season_year_of(*parse_iso_date("2024-09-30")), 2023);
  EXPECT_EQ(season_year_of(*parse_iso_date("2025-06-22")), 2024);
  EXPECT_EQ(season_label(2024), "2024-25");
  EXPECT_EQ(season_label(1999), "1999-00");
  EXPECT_EQ(format_iso_date(october_first(2021)), "2021-10-01");
}

TEST(CivilDate, FormatAgreesWithPrintfOverTwoCenturies) {
  int checked = 0;
  for (Day d = *parse_iso_date("1900-01-01"); d <= *parse_iso_date("2100-12-31"); ++d, ++checked) {
    const CivilDate c = civil_from_day(d);
    char want[16];
    std::snprintf(want, sizeof want, "%04d-%02d-%02d", c.year, c.month, c.day);
    ASSERT_EQ(format_iso_date(d), want);
    ASSERT_EQ(parse_iso_date(want), d);
  }
  EXPECT_EQ(checked, 73414);
}
