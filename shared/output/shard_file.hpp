#pragma once
// One HDF5 shard per work unit: /<table>/<column> datasets (one table per
// processor, failures, date_status), row-aligned, plus provenance attributes
// on the root group. Written under a temporary name and renamed into place
// (atomic appearance); read with output/shard_reader.hpp.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/output_table.hpp"

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

// Refuses (std::logic_error, nothing written) a table whose columns differ in length.
void write_shard(const std::string& final_path, const std::vector<OutputTable>& tables, const ShardMeta& meta);

// write_shard in two steps, so a worker can overlap the disk flush with its next
// unit: the first writes and closes the temp file and starts its writeback
// (returns the temp path); commit_temp_file (store/atomic_file.hpp) later
// flushes it and renames it into place, discard_temp_file abandons it.
std::string write_shard_uncommitted(const std::string& final_path, const std::vector<OutputTable>& tables,
                                    const ShardMeta& meta);

}  // namespace nba
