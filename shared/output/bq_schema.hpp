#pragma once
// The original's BigQuery table schemas (shared/output/bq_schemas.json, the five
// Phase 4 tables as `bq show --schema` prints them), built into the program:
// `export` writes exactly these columns and `export --schema` prints them for
// `bq load`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nba {

struct BqField {
  std::string name, type, mode;  // type: STRING, INTEGER, FLOAT, NUMERIC, BOOLEAN, DATE, TIMESTAMP, RECORD
  int precision = 0, scale = 0;  // NUMERIC(precision, scale); 0 = unparameterized
  std::vector<BqField> fields;   // RECORD
  bool required() const { return mode == "REQUIRED"; }
  bool repeated() const { return mode == "REPEATED"; }
};

// The BigQuery table a processor's rows load into (tdza -> team_defense_zone_analysis,
// mlfs -> ml_feature_store_v2); nullopt for tables that are not Phase 4 outputs.
std::optional<std::string_view> bq_table_of(std::string_view processor);

// The schema of a BigQuery table named as bq_table_of returns. Throws std::out_of_range.
const std::vector<BqField>& bq_schema(std::string_view bq_table);

// The schema as JSON (a field array, the form `bq load` takes as its schema argument).
std::string bq_schema_json(std::string_view bq_table);

}  // namespace nba
