#include "coordinator/validate_command.hpp"

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "calendar/season_calendar.hpp"
#include "core/errors.hpp"
#include "core/exit_code.hpp"
#include "output/bq_schema.hpp"
#include "output/run_index.hpp"
#include "phase3/table.hpp"
#include "plan/date_selection.hpp"
#include "processors/player_game_history.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"
#include "processors/team_defense_history.hpp"
#include "store/input_store.hpp"
#include "validate/output_validation.hpp"

namespace nba {

namespace {

// Per selected game date: the schedule's games, PGS's players, TDZA's teams.
std::vector<Phase3Expectation> phase3_expectations(const Phase3Data& data, std::optional<Day> from, std::optional<Day> to) {
  const SeasonCalendar calendar = build_season_calendar(data);
  std::map<Day, Phase3Expectation> by_date;
  for (Day d : calendar.game_dates())
    if ((!from || d >= *from) && (!to || d <= *to)) by_date[d] = {d, calendar.is_bootstrap(d), 0, {}, {}, {}};
  if (by_date.empty()) throw UsageError("the selected range holds no game dates of the input");
  const Table& schedule = data.table(tables::kSchedule);
  const auto &schedule_dates = schedule.values("game_date"), &game_ids = schedule.values("game_id");
  std::map<Day, std::set<std::int64_t>> games;
  for (std::size_t r = 0; r < schedule.rows(); ++r) games[static_cast<Day>(schedule_dates[r])].insert(game_ids[r]);
  for (auto& [d, e] : by_date) e.games = games[d].size();
  const Table& pgs = data.table(tables::kPlayerGames);
  const auto &pgs_dates = pgs.values("game_date"), &pgs_players = pgs.values("player_lookup");
  std::map<Day, std::set<std::string>> players;
  for (std::size_t r = 0; r < pgs.rows(); ++r)
    if (const Day d = static_cast<Day>(pgs_dates[r]); by_date.count(d))
      players[d].insert(std::string(data.strings.at(pgs_players[r])));
  // PSZA's and TDZA's entity sets, by the processors' own rules.
  const PlayerGameHistory history = build_player_game_history(data);
  const TeamDefenseHistory team_defense = build_team_defense_history(data);
  for (auto& [d, e] : by_date) {
    e.players.assign(players[d].begin(), players[d].end());
    for (const auto& p : e.players)
      if (const auto* h = history.find(p); h && psza::is_entity(*h, calendar.opening_night(season_year_of(d)), d))
        e.psza_players.push_back(p);
    for (const auto& team : team_defense.teams)
      if (!tdza::season_games_before(team, d).empty()) e.teams.push_back(team.team_abbr);
  }
  std::vector<Phase3Expectation> out;
  for (auto& [d, e] : by_date) out.push_back(std::move(e));
  return out;
}

ValidationOutput read_output(const std::string& index, const std::vector<std::string>& present, const RunLedger& ledger) {
  ValidationOutput out;
  for (const auto& keys : validated_tables()) {
    if (std::find(present.begin(), present.end(), keys.processor) == present.end()) continue;
    std::vector<std::string> columns = {keys.date, keys.entity, "features", "feature_sources"};
    if (const auto bq = bq_table_of(keys.processor))
      for (const BqField& f : bq_schema(*bq))
        if (f.required()) columns.push_back(f.name);
    out.tables[keys.processor] = read_index_table(index, keys.processor, columns);
  }
  if (std::find(present.begin(), present.end(), "failures") != present.end())
    out.failures = read_index_table(index, "failures", {"processor", "analysis_date", "entity_id", "failure_category"});
  out.ledger = &ledger;
  return out;
}

void print_text(const ValidationReport& r) {
  const auto& tables = validated_tables();
  std::cout << "Per date: Phase 3 games, players and TDZA's teams; Phase 4 rows per table (% of its entities, the rest "
               "having failure records)\n";
  std::cout << std::left << std::setw(12) << "date" << std::right << std::setw(6) << "games" << std::setw(8) << "players"
            << std::setw(6) << "teams";
  for (const auto& k : tables) std::cout << std::setw(14) << k.processor;
  std::cout << "  flag        failure categories\n";
  for (const auto& d : r.dates) {
    std::cout << std::left << std::setw(12) << format_iso_date(d.date) << std::right << std::setw(6) << d.games
              << std::setw(8) << d.players << std::setw(6) << d.teams;
    for (const auto& k : tables) {
      const std::string p = k.processor;
      const std::int64_t base = d.entities.at(p);
      std::string cell = std::to_string(d.rows.at(p));
      if (d.status.at(p) == "done" && base > 0) cell += " (" + std::to_string(100 * d.rows.at(p) / base) + "%)";
      else if (d.status.at(p) != "done") cell = d.status.at(p) == "skipped_bootstrap" ? "-" : d.status.at(p);
      std::cout << std::setw(14) << cell;
    }
    std::cout << "  " << std::left << std::setw(11) << d.flag << std::right;
    for (const auto& [cat, n] : d.categories) std::cout << " " << cat << "=" << n;
    std::cout << "\n";
  }
  std::size_t errors = 0, warnings = 0;
  for (const auto& f : r.findings) (f.severity == "error" ? errors : warnings) += 1;
  std::cout << "\nFindings: " << errors << " error(s), " << warnings << " warning(s)\n";
  for (const auto& f : r.findings)
    std::cout << "  " << f.severity << " " << f.check << " " << f.table << " " << (f.date.empty() ? "-" : f.date) << ": "
              << f.detail << "\n";
  std::cout << (r.has_errors() ? "validate: FINDINGS (exit 3)\n" : "validate: OK\n");
}

void print_json(const ValidationReport& r) {
  nlohmann::json dates = nlohmann::json::array(), findings = nlohmann::json::array();
  for (const auto& d : r.dates)
    dates.push_back({{"date", format_iso_date(d.date)}, {"bootstrap", d.bootstrap}, {"games", d.games},
                     {"players", d.players}, {"teams", d.teams}, {"rows", d.rows}, {"entities", d.entities},
                     {"status", d.status},
                     {"failure_categories", d.categories}, {"flag", d.flag}});
  for (const auto& f : r.findings)
    findings.push_back({{"severity", f.severity}, {"check", f.check}, {"table", f.table}, {"date", f.date},
                        {"detail", f.detail}});
  std::cout << nlohmann::json{{"ok", !r.has_errors()}, {"dates", dates}, {"findings", findings}}.dump(1) << "\n";
}

}  // namespace

int validate_command(const ValidateOptions& o) {
  const std::optional<Day> from = parse_date_option(o.start, "--start"), to = parse_date_option(o.end, "--end");
  if (from && to && *from > *to) throw UsageError("--start is after --end");
  if (!std::filesystem::is_directory(o.out)) throw UsageError("output directory " + o.out + " does not exist");
  const std::string index = (std::filesystem::path(o.out) / "index.h5").string();
  if (!std::filesystem::exists(index)) throw UsageError("no index at " + index + " (run first)");
  const Phase3Data data = read_input_store(o.input);
  const RunLedger ledger = RunLedger::load(o.out);
  ValidationReport report = validate_output(phase3_expectations(data, from, to),
                                            read_output(index, index_table_names(index), ledger));
  for (const auto& d : damaged_index_sources(index))
    report.findings.push_back({"error", "damaged_shard", "", "", d.relative_path + ": " + d.problem});
  if (o.format == "json") print_json(report);
  else print_text(report);
  return report.has_errors() ? exit_code::kSomeFailed : exit_code::kOk;
}

}  // namespace nba
