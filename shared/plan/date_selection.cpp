#include "plan/date_selection.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/errors.hpp"

namespace nba {

DateSelection select_dates(const SeasonCalendar& calendar, const DateSelectionOptions& o) {
  if (o.start && o.end && *o.start > *o.end)
    throw UsageError("--start " + format_iso_date(*o.start) + " is after --end " + format_iso_date(*o.end));
  if (o.season && !calendar.has_season(*o.season))
    throw UsageError("season " + std::to_string(*o.season) + " is not in the input's schedule");
  std::set<Day> wanted;
  std::vector<Day> no_games;
  if (o.dates) {
    for (Day d : *o.dates) {
      if (calendar.game_dates().count(d)) wanted.insert(d);
      else no_games.push_back(d);
    }
  } else {
    wanted = calendar.game_dates();
  }
  DateSelection sel;
  for (Day d : wanted) {
    if (o.start && d < *o.start) continue;
    if (o.end && d > *o.end) continue;
    if (o.season && season_year_of(d) != *o.season) continue;
    (calendar.is_bootstrap(d) ? sel.bootstrap : sel.compute).push_back(d);
  }
  std::sort(no_games.begin(), no_games.end());
  no_games.erase(std::unique(no_games.begin(), no_games.end()), no_games.end());
  sel.no_games = std::move(no_games);
  if (sel.compute.empty() && sel.bootstrap.empty() && sel.no_games.empty())
    throw UsageError("the selection contains no dates with games");
  return sel;
}

std::vector<Day> read_dates_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, 0, "", "is a directory; --dates-file takes a file with one YYYY-MM-DD per line");
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open dates file");
  std::vector<Day> dates;
  std::string line;
  long n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    const auto e = line.find_last_not_of(" \t");
    const std::string token = line.substr(b, e - b + 1);
    auto d = parse_iso_date(token);
    if (!d) throw InputError(path, n, "", "not a YYYY-MM-DD date: '" + token + "'");
    dates.push_back(*d);
  }
  if (dates.empty()) throw InputError(path, 0, "", "dates file lists no dates");
  return dates;
}

std::optional<Day> parse_date_option(const std::optional<std::string>& value, const char* flag) {
  if (!value) return std::nullopt;
  auto d = parse_iso_date(*value);
  if (!d) throw UsageError(std::string(flag) + " must be a YYYY-MM-DD date, got '" + *value + "'");
  return d;
}

std::vector<Day> parse_dates_list(const std::vector<std::string>& tokens) {
  std::vector<Day> dates;
  for (const auto& token : tokens) {
    auto d = parse_iso_date(token);
    if (!d) throw UsageError("--dates takes YYYY-MM-DD dates separated by commas, got '" + token + "'");
    dates.push_back(*d);
  }
  if (dates.empty()) throw UsageError("--dates lists no dates");
  return dates;
}

}  // namespace nba
