#include "engine/phase4_engine.hpp"

#include <stdexcept>

#include "phase3/table.hpp"

namespace nba {

Phase4Engine::Phase4Engine(const Phase3Data& data) : team_defense_(build_team_defense_history(data)) {}

namespace {
void record_status(UnitOutput& out, const char* processor, Day date, std::size_t rows, std::size_t failures,
                   int entities) {
  // Every entity ends as a row or a failure record; anything else is a bug that
  // must stop the unit rather than lose entities silently.
  if (rows + failures != static_cast<std::size_t>(entities))
    throw std::logic_error(std::string(processor) + " " + format_iso_date(date) + ": rows + failures != entities");
  out.statuses.push_back({processor, date, rows > 0 ? date_status::kDone : date_status::kZeroRows,
                          static_cast<std::int64_t>(rows), static_cast<std::int64_t>(failures), entities});
}
}  // namespace

void Phase4Engine::compute_date(Day date, UnitOutput& out) const {
  tdza::Result t = tdza::compute(team_defense_, date);
  record_status(out, "tdza", date, t.rows.size(), t.failures.size(), t.entities);
  for (auto& r : t.rows) out.tdza_rows.push_back(std::move(r));
  for (auto& f : t.failures) out.failures.push_back(std::move(f));
}

UnitOutput Phase4Engine::compute_unit(const std::vector<Day>& dates) const {
  UnitOutput out;
  for (Day d : dates) compute_date(d, out);
  return out;
}

}  // namespace nba
