#pragma once
// One HDF5 shard per work unit: /<table>/<column> datasets (tdza, failures,
// date_status), row-aligned, plus provenance attributes on the root group.
// Written under a temporary name and renamed into place (atomic appearance).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "output/output_table.hpp"

namespace nba {

inline constexpr std::int64_t kShardFormat = 1;

struct ShardMeta {
  std::int32_t unit_id = 0;
  std::string first_date, last_date;
  std::int32_t date_count = 0;
  std::string code_version;
  std::string input_fingerprint;
  std::string options_fingerprint;
};

struct ShardSummary {
  ShardMeta meta;
  std::map<std::string, std::int64_t> table_rows;  // table -> rows
};

void write_shard(const std::string& final_path, const std::vector<OutputTable>& tables, const ShardMeta& meta);

// Opens a shard and checks its structure: every table's columns have equal
// length and match the recorded row count. Throws std::runtime_error otherwise.
ShardSummary read_shard_summary(const std::string& path);

}  // namespace nba
