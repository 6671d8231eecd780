#pragma once
// player_composite_factors (PCF), spec processors-pcf-mlfs.md section 3: four
// bounded adjustment factors per player with a game on D (fatigue, shot-zone
// mismatch, pace, usage spike), four deferred factors at 0, and their total.
// Reads the same date's context, PSZA and TDZA rows from memory.
#include <optional>
#include <string>
#include <vector>

#include "core/failure_record.hpp"
#include "core/output_table.hpp"
#include "processors/context_inputs.hpp"
#include "processors/pcf_context.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"

namespace nba::pcf {

inline constexpr const char* kVersion = "v1_4factors";
inline constexpr double kSyntheticContextShare = 0.9;

// F1: raw score 0-100 from the context row (NULL inputs take the spec's defaults).
int fatigue_score(const PlayerContextRow& c);
// F2..F4, unrounded.
double shot_zone_mismatch(const psza::Row* zone, const tdza::Row* defense);
double pace_factor(double pace_differential);
double usage_spike(double projected_usage_rate, double avg_usage_rate_last_7_games, std::int64_t star_teammates_out);

struct Row {
  std::string player_lookup, universal_player_id, game_id;
  Day game_date;
  std::int64_t fatigue_score;
  double shot_zone_mismatch_score, pace_score, usage_spike_score, total_composite_adjustment;
  double data_completeness_pct;
  std::string missing_data_fields, warning_details;  // "" = NULL
  std::int64_t backfill_games_count;                 // backfill completeness: expected = actual = this
  // What the four *_context_json columns show; the export renders their text.
  ContextShown context;
  std::string source_player_context_hash, source_team_context_hash, source_player_shot_hash,
      source_team_defense_hash;  // "" = NULL
  std::string data_hash;
};

// The date's picks for the source_*_hash columns (source_hashes.hpp): UPGC and
// UTGC rows on D, the same date's PSZA and TDZA rows.
struct SourceHashes {
  std::string player_context, team_context, player_shot, team_defense;
};


struct Result {
  std::vector<Row> rows;
  std::vector<FailureRecord> failures;
  int entities = 0;
  bool synthetic_context = false;
};

// Backfill synthetic context (spec 3.3) for the players with a game on D.
std::vector<PlayerContextRow> synthetic_context(const PlayerGameHistory& players, Day d);

Result compute(const PlayerGameHistory& players, const ContextInputs& inputs, const std::vector<psza::Row>& psza_rows,
               const std::vector<tdza::Row>& tdza_rows, Day d, const SourceHashes& source_hashes = {});

// The output table of rows given per date (RowBatches) or as one vector.
OutputTable to_table(RowBatches<Row> rows);
inline OutputTable to_table(const std::vector<Row>& rows) { return to_table(RowBatches<Row>(&rows, 1)); }

}  // namespace nba::pcf
