#pragma once
// Reading a shard (output/shard_file.hpp writes them): the one place besides
// the writer that knows a shard's group and column names. Rank 0 checks each
// shard with it, the output state learns which dates a shard holds, the index
// takes its column layout from it. Every error names the shard's path.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "output/shard_file.hpp"
#include "store/hdf5_dataset.hpp"
#include "store/hdf5_file.hpp"

namespace nba {

struct ShardSummary {
  ShardMeta meta;
  std::map<std::string, std::int64_t> table_rows;  // table -> rows
};

// How much of a shard ShardReader::summary verifies.
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

// A shard's date_status table: one entry per (processor, date) it holds.
struct ShardDateStatus {
  std::vector<std::string> processor, analysis_date;
  std::vector<std::int64_t> rows, failures, entities;
  std::size_t size() const { return processor.size(); }
};

// Where each date's rows lie in every table of a shard. Rows of all tables are
// stored date by date, processors in DAG order, so date_status alone says it.
struct ShardRowRanges {
  std::map<std::string, std::int64_t> table_rows;  // table -> rows in the shard
  // date -> key -> (offset, count); key = a processor's table, or "failures/<p>", "date_status/<p>"
  std::map<std::string, std::map<std::string, std::pair<std::int64_t, std::int64_t>>> at;
  // Whether the shard holds results of `processor` for `date`.
  bool holds(const std::string& processor, const std::string& date) const;
};
ShardRowRanges row_ranges(const ShardDateStatus& status);

// Failure records of each (processor, date), by category.
using CategoryCounts = std::map<std::string, std::int64_t, std::less<>>;
using FailureCountsByDate = std::map<std::pair<std::string, std::string>, CategoryCounts>;

// A column of a shard's table: its file type and width (0 for 1-D).
struct ShardColumn {
  std::string name;
  h5::Handle type;
  h5::ValueClass value_class;
  std::size_t cols = 0;
};

class ShardReader {
 public:
  explicit ShardReader(const std::string& path);
  const std::string& path() const { return path_; }

  // Opens the tables and checks the structure; throws std::runtime_error
  // naming the path and what is wrong.
  ShardSummary summary(ShardCheck check = ShardCheck::DatasetLengths) const;
  ShardDateStatus date_status() const;
  FailureCountsByDate failure_counts() const;

  std::vector<ShardColumn> columns(const std::string& table) const;
  // The stored width of each string column of `table` (empty for shards of format 1).
  std::map<std::string, std::size_t> string_widths(const std::string& table) const;
  // The table's own attributes (e.g. feature names), without its row count and string widths.
  std::vector<std::pair<std::string, std::vector<std::string>>> table_attributes(const std::string& table) const;

 private:
  std::string path_;
  h5::Handle file_;
};

inline ShardSummary read_shard_summary(const std::string& path, ShardCheck check = ShardCheck::DatasetLengths) {
  return ShardReader(path).summary(check);
}

}  // namespace nba
