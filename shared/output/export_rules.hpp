#pragma once
// Where each column of a Phase 4 table's export comes from (columns-parity.md,
// docs/output-format.md): the shards store what is data; the columns HEAD
// writes as backfill-mode constants, the NULL tracking columns and the
// run-time timestamps are filled in here, at export, so shards stay lean and
// the feature data byte-identical across runs.
#include <optional>
#include <string_view>

namespace nba {

enum class ColumnSource {
  Stored,       // the shard column of the same name
  Constant,     // `arg` is the JSON text of the value (null, 0, false, [], "...")
  ProcessedAt,  // the processed_at of the row's shard (when its unit was computed)
  MidnightOf,   // "<date> 00:00:00" of the stored date column `arg`
  CopyOf,       // the stored column `arg`
  ArrayWidth,   // the number of elements of the stored array column `arg`
  PcfContext,   // PCF's context JSON text, rendered from its stored context_* values
  MlfsRecord,   // an MLFS record column derived from the stored vector and tags (mlfs/record_columns.hpp)
};

struct ExportRule {
  ColumnSource source = ColumnSource::Stored;
  std::string_view arg;
};

// The rule for a schema column the shards of `processor` do not store;
// nullopt when the program has no value for it (an error: a unit test checks
// that every schema column of the five tables is covered).
std::optional<ExportRule> backfill_rule(std::string_view processor, std::string_view column);

// Stored columns that are never exported as themselves (they exist for the
// program's own readers and for the derived columns; MLFS's `feature_sources`
// tag matrix shares its name with a schema column HEAD leaves NULL).
bool internal_only_column(std::string_view processor, std::string_view column);

}  // namespace nba
