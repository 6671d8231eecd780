#include "coordinator/run_preflight.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "engine/unit_output.hpp"
#include "phase3/table.hpp"
#include "store/input_store.hpp"

namespace nba {

void print_dry_run(std::ostream& os, const RunPlan& plan, const DateSelection& selection,
                   const std::vector<Day>& to_compute, const PreflightReport& preflight, const RunLedger& ledger,
                   int ranks) {
  os << "DRY RUN (nothing is computed or written)\n";
  os << "  selected dates with games: " << selection.compute.size() + selection.bootstrap.size() << " ("
     << selection.bootstrap.size() << " bootstrap, "
     << (plan.bootstrap_dates.empty() ? "skipped" : std::to_string(plan.bootstrap_dates.size()) + " of them computed for MLFS")
     << ")\n";
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

  print_preflight(os, preflight);
}

PreflightReport phase3_preflight_of(const std::string& input_path, const DateSelection& selection,
                                    const std::vector<std::string>& processors) {
  // Table order matters below: the player checks reuse PGS's and UPCG's dates.
  std::vector<PreflightTableDates> tables;
  for (const std::string_view t : {tables::kPlayerGames, tables::kTeamDefense, tables::kTeamOffense,
                                   tables::kPlayerContext, tables::kTeamContext})
    tables.push_back({std::string(t), read_store_columns(input_path, std::string(t), {"game_date"}).front()});
  std::optional<PreflightPlayers> box_scores, context;
  std::vector<Day> all_selected = selection.compute;
  if (std::find(processors.begin(), processors.end(), "pcf") != processors.end()) {
    auto players_of = [&](const PreflightTableDates& t) {
      return PreflightPlayers{read_store_columns(input_path, t.name, {"player_lookup"}).front(), t.dates};
    };
    box_scores = players_of(tables[0]);
    context = players_of(tables[3]);
    all_selected.insert(all_selected.end(), selection.bootstrap.begin(), selection.bootstrap.end());
  }
  return phase3_preflight(tables, selection.compute, box_scores ? &*box_scores : nullptr, context ? &*context : nullptr,
                          all_selected);
}

}  // namespace nba
