#pragma once
// One HDF5 shard per work unit: /<table>/<column> datasets (tdza, failures,
// date_status), row-aligned, plus provenance attributes on the root group.
// Written under a temporary name and renamed into place (atomic appearance).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "output/output_table.hpp"

namespace nba {

inline constexpr std::int64_t kShardFormat = 2;  // 2: string columns as wide as their longest value

// Attribute of every table group of a shard: "<column>:<width>" of its string
// columns (the index types each column by the widest of its shards).
inline constexpr const char* kStringWidthsAttr = "string_widths";

struct ShardMeta {
  std::int32_t unit_id = 0;
  std::string first_date, last_date;
  std::int32_t date_count = 0;
  std::string code_version;
  std::string input_fingerprint;
  std::string options_fingerprint;
  // When the unit was computed (utc_now_isoformat_micros): the export's
  // processed_at / created_at. Provenance, not feature data: digest ignores it.
  std::string processed_at;
};

struct ShardSummary {
  ShardMeta meta;
  std::map<std::string, std::int64_t> table_rows;  // table -> rows
};

// Refuses (std::logic_error, nothing written) a table whose columns differ in length.
void write_shard(const std::string& final_path, const std::vector<OutputTable>& tables, const ShardMeta& meta);

// write_shard in two steps, so a worker can overlap the disk flush with its next
// unit: the first writes and closes the temp file and starts its writeback
// (returns the temp path); commit_temp_file (store/atomic_file.hpp) later
// flushes it and renames it into place, discard_temp_file abandons it.
std::string write_shard_uncommitted(const std::string& final_path, const std::vector<OutputTable>& tables,
                                    const ShardMeta& meta);

// How much of a shard read_shard_summary verifies.
enum class ShardCheck {
  // The file opens (HDF5 refuses a truncated one), the format, provenance
  // attributes and each table's recorded row count. What rank 0 checks on a
  // shard its worker has just written: write_shard guarantees the column
  // lengths, and opening all ~150 datasets was rank 0's largest per-unit cost.
  Attributes,
  // Also every dataset's length against its table's row count: for shards
  // found on disk (resume, index rebuild), whose writer is not known.
  DatasetLengths,
};

// Opens a shard and checks its structure; throws std::runtime_error naming the
// path and what is wrong.
ShardSummary read_shard_summary(const std::string& path, ShardCheck check = ShardCheck::DatasetLengths);

// (processor, analysis_date) of every row of the shard's date_status table:
// the dates it holds results for, per processor.
std::set<std::pair<std::string, std::string>> read_shard_dates_held(const std::string& path);

}  // namespace nba
