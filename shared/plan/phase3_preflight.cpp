#include "plan/phase3_preflight.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace nba {

namespace {

// A store's rows come in date order: each date's players are sorted alone.
std::map<Day, std::size_t> distinct_players_per_date(const PreflightPlayers& t) {
  std::vector<std::size_t> order(t.dates.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (!std::is_sorted(t.dates.begin(), t.dates.end()))
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return t.dates[a] < t.dates[b]; });
  std::map<Day, std::size_t> n;
  std::vector<std::int64_t> players;
  for (std::size_t i = 0; i < order.size();) {
    const std::int64_t date = t.dates[order[i]];
    players.clear();
    for (; i < order.size() && t.dates[order[i]] == date; ++i) players.push_back(t.players[order[i]]);
    std::sort(players.begin(), players.end());
    n[static_cast<Day>(date)] = static_cast<std::size_t>(std::unique(players.begin(), players.end()) - players.begin());
  }
  return n;
}

}  // namespace

bool PreflightReport::ok() const {
  for (const auto& t : tables)
    if (!t.ok()) return false;
  return short_context.empty();
}

PreflightReport phase3_preflight(const std::vector<PreflightTableDates>& tables, const std::vector<Day>& expected,
                                 const PreflightPlayers* box_scores, const PreflightPlayers* context,
                                 const std::vector<Day>& context_dates) {
  PreflightReport r;
  for (const auto& t : tables) {
    std::vector<std::int64_t> have(t.dates.begin(), t.dates.end());
    std::sort(have.begin(), have.end());  // a store's rows are in date order already: cheap
    PreflightTable pt{t.name, 0, expected.size(), {}};
    for (Day d : expected)
      if (!std::binary_search(have.begin(), have.end(), static_cast<std::int64_t>(d))) pt.missing.push_back(d);
    pt.covered = expected.size() - pt.missing.size();
    r.tables.push_back(std::move(pt));
  }
  if (box_scores && context) {
    r.context_checked = true;
    const auto pgs = distinct_players_per_date(*box_scores), upcg = distinct_players_per_date(*context);
    for (Day d : context_dates) {
      const auto p = pgs.find(d), u = upcg.find(d);
      const std::size_t np = p == pgs.end() ? 0 : p->second, nu = u == upcg.end() ? 0 : u->second;
      // The original's rule: no box scores = off day; no context at all passes too.
      if (np == 0 || nu == 0) continue;
      if (static_cast<double>(nu) < static_cast<double>(np) * kPreflightContextRatio) r.short_context.push_back({d, nu, np});
    }
  }
  return r;
}

void print_preflight(std::ostream& os, const PreflightReport& r) {
  os << "  preflight (Phase 3 rows on the selected non-bootstrap game dates; each table needs >= "
     << kPreflightTableCoverage << " %):\n";
  for (const auto& t : r.tables) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f", t.percent());
    os << "    " << (t.ok() ? "ok   " : "SHORT") << " " << t.name << ": " << t.covered << "/" << t.expected << " dates ("
       << pct << " %)";
    if (!t.missing.empty()) {
      os << ", missing";
      for (std::size_t i = 0; i < t.missing.size() && i < 10; ++i) os << " " << format_iso_date(t.missing[i]);
      if (t.missing.size() > 10) os << " ... (" << t.missing.size() << " dates)";
    }
    os << "\n";
  }
  if (r.context_checked) {
    os << "    " << (r.short_context.empty() ? "ok   " : "SHORT")
       << " upcoming_player_game_context vs player_game_summary players (PCF, >= 90 % per date): "
       << r.short_context.size() << " short date(s)";
    for (std::size_t i = 0; i < r.short_context.size() && i < 10; ++i) {
      const auto& c = r.short_context[i];
      os << (i ? ", " : ": ") << format_iso_date(c.date) << " " << c.context_players << "/" << c.box_score_players;
    }
    if (r.short_context.size() > 10) os << " ...";
    os << "\n";
  }
  os << (r.ok() ? "  preflight: OK\n" : "  preflight: FAILED\n");
}

}  // namespace nba
