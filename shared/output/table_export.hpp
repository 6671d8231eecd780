#pragma once
// `export`: one processor's rows from a run's index as CSV or NDJSON with the
// original BigQuery column names, ready for `bq load` into the original table.
// NULLs (NaN, empty strings) become empty CSV fields / JSON null; BOOL columns are
// true/false; numbers are printed as the shortest decimal that reads back as the
// stored value (integral values without a decimal point, so INT64 columns load).
#include <optional>
#include <ostream>
#include <string>

namespace nba {

enum class ExportFormat { Csv, Ndjson };

// Returns the number of rows written. Throws UsageError for an unknown table or a
// CSV export of a table with array columns (the ML feature store).
std::size_t export_table(const std::string& index_path, const std::string& table, std::optional<std::string> start,
                         std::optional<std::string> end, ExportFormat format, std::ostream& os);

}  // namespace nba
