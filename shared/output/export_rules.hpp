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
};

struct ExportRule {
  ColumnSource source = ColumnSource::Stored;
  std::string_view arg;
};

// The rule for a schema column the shards of `processor` do not store;
// nullopt when the program has no value for it (an error for tdza, psza, pdc
// and pcf, whose every column is covered; mlfs columns of the v2 vector are
// left out of its export until they are computed).
std::optional<ExportRule> backfill_rule(std::string_view processor, std::string_view column);

// Stored columns that are not in the table's schema and are never exported
// (they exist for the program's own readers).
bool internal_only_column(std::string_view processor, std::string_view column);

}  // namespace nba
