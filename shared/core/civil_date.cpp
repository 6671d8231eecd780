#include "core/civil_date.hpp"

#include <charconv>
#include <cstdio>

namespace nba {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
Day day_from_civil(CivilDate c) {
  int y = c.year - (c.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned m = static_cast<unsigned>(c.month);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(c.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + static_cast<int>(doe) - 719468);
}

CivilDate civil_from_day(Day d) {
  const int z = d + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  return {y + (mm <= 2 ? 1 : 0), static_cast<int>(mm), static_cast<int>(dd)};
}

std::optional<Day> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    for (std::size_t i = pos; i < pos + len; ++i)
      if (t[i] < '0' || t[i] > '9') return false;
    std::from_chars(t.data() + pos, t.data() + pos + len, out);
    return true;
  };
  CivilDate c{};
  if (!num(0, 4, c.year) || !num(5, 2, c.month) || !num(8, 2, c.day)) return std::nullopt;
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31) return std::nullopt;
  const Day d = day_from_civil(c);
  const CivilDate back = civil_from_day(d);
  if (back.year != c.year || back.month != c.month || back.day != c.day) return std::nullopt;
  return d;
}

std::string format_iso_date(Day d) {
  const CivilDate c = civil_from_day(d);
  if (c.year < 0 || c.year > 9999) {  // outside what the digits below can spell
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
  }
  // Written digit by digit: every output row carries a date, and printf was a
  // visible share of writing a shard.
  std::string s = "0000-00-00";
  auto two = [&](std::size_t at, int v) { s[at] = static_cast<char>('0' + v / 10), s[at + 1] = static_cast<char>('0' + v % 10); };
  two(0, c.year / 100), two(2, c.year % 100), two(5, c.month), two(8, c.day);
  return s;
}

int season_year_of(Day d) {
  const CivilDate c = civil_from_day(d);
  return c.month >= 10 ? c.year : c.year - 1;
}

std::string season_label(int season_year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", season_year, (season_year + 1) % 100);
  return buf;
}

Day october_first(int season_year) { return day_from_civil({season_year, 10, 1}); }

}  // namespace nba
