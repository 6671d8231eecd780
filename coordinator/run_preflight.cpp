#include "coordinator/run_preflight.hpp"

#include <map>
#include <set>

#include "engine/unit_output.hpp"
#include "phase3/table.hpp"

namespace nba {

void print_dry_run(std::ostream& os, const RunPlan& plan, const DateSelection& selection,
                   const std::vector<Day>& to_compute, const Phase3Data& data, const RunLedger& ledger, int ranks) {
  os << "DRY RUN (nothing is computed or written)\n";
  os << "  selected dates with games: " << selection.compute.size() + selection.bootstrap.size() << " ("
     << selection.bootstrap.size() << " bootstrap, skipped)\n";
  if (!selection.no_games.empty()) os << "  requested dates without games: " << selection.no_games.size() << "\n";
  os << "  dates to compute: " << to_compute.size();
  if (!to_compute.empty()) os << " (" << format_iso_date(to_compute.front()) << " .. " << format_iso_date(to_compute.back()) << ")";
  os << "\n  units: " << plan.units.size() << "\n";

  // Expected rows and time from the ledger's last records of these dates.
  std::map<std::string, std::int64_t> rows;
  std::set<std::string> known;
  std::map<std::string, std::pair<double, std::set<std::string>>> shard_time;  // shard -> (seconds, dates)
  for (const auto& [key, r] : ledger.latest_all()) {
    if (r.status != "done") continue;
    shard_time[r.shard].first = r.seconds;
    shard_time[r.shard].second.insert(r.date);
  }
  for (Day d : to_compute)
    for (const auto& p : processor_names())
      if (const LedgerRecord* r = ledger.latest(p, format_iso_date(d)); r && r->status == "done") {
        rows[p] += r->rows;
        known.insert(r->date);
      }
  double seconds = 0;
  std::size_t timed_dates = 0;
  for (const auto& [shard, st] : shard_time) seconds += st.first, timed_dates += st.second.size();
  os << "  expected rows (from the last run, " << known.size() << " of " << to_compute.size() << " dates known):";
  for (const auto& p : processor_names()) os << " " << p << "=" << rows[p];
  os << "\n";
  if (timed_dates > 0) {
    const double per_date = seconds / static_cast<double>(timed_dates);
    os << "  estimated compute time: " << per_date * static_cast<double>(to_compute.size()) / std::max(1, ranks - 1)
       << " s (" << per_date * 1000 << " ms per date from the last run, " << std::max(1, ranks - 1) << " worker(s))\n";
  } else {
    os << "  estimated compute time: unknown (no earlier run in this output folder)\n";
  }

  // Preflight: every date to compute should have rows in each Phase 3 table.
  const std::pair<std::string_view, const char*> checks[] = {{tables::kPlayerGames, "player_game_summary"},
                                                             {tables::kPlayerContext, "upcoming_player_game_context"},
                                                             {tables::kTeamDefense, "team_defense_game_summary"},
                                                             {tables::kTeamOffense, "team_offense_game_summary"},
                                                             {tables::kTeamContext, "upcoming_team_game_context"},
                                                             {tables::kSchedule, "schedule"}};
  os << "  preflight (Phase 3 rows on each date to compute):\n";
  bool all_ok = true;
  for (const auto& [table, name] : checks) {
    std::set<Day> have;
    for (auto v : data.table(table).values("game_date")) have.insert(static_cast<Day>(v));
    std::vector<Day> lacking;
    for (Day d : to_compute)
      if (!have.count(d)) lacking.push_back(d);
    os << "    " << name << ": " << to_compute.size() - lacking.size() << "/" << to_compute.size() << " dates";
    if (!lacking.empty()) {
      all_ok = false;
      os << "  MISSING on";
      for (std::size_t i = 0; i < lacking.size() && i < 10; ++i) os << " " << format_iso_date(lacking[i]);
      if (lacking.size() > 10) os << " ... (" << lacking.size() << " dates)";
    }
    os << "\n";
  }
  os << (all_ok ? "  preflight: OK\n" : "  preflight: some dates lack Phase 3 rows (see above)\n");
}

}  // namespace nba
