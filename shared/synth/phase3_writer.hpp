#pragma once
// Shapes a synthetic league into the Phase 3 CSV.gz tables (BigQuery export
// format, the same column names and derivations as the real-data build) so the
// synthetic path goes through exactly the same import as real data.
#include <string>

#include "synth/league_model.hpp"

namespace nba::synth {

struct WrittenCounts {
  std::size_t player_rows = 0, team_rows = 0, games = 0;
};

WrittenCounts write_phase3_csv(const League& league, const std::string& out_dir);

}  // namespace nba::synth
