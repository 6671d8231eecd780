#pragma once
// index.h5: one group per table with one virtual dataset (VDS) per column that
// concatenates, in date order, the current rows of every date, so h5py reads the
// whole output folder as one table per processor without copying data. Built by
// rank 0 only from validated shards (a VDS silently reads fill values for a
// missing source).
#include <string>
#include <utility>
#include <vector>

#include "output/shard_file.hpp"

namespace nba {

// A run of consecutive rows of one table in one shard.
struct IndexSegment {
  std::string relative_path;  // shard, relative to the output directory
  std::int64_t offset = 0, count = 0;
  std::int64_t source_rows = 0;  // the table's length in that shard
};
using IndexTables = std::vector<std::pair<std::string, std::vector<IndexSegment>>>;  // table -> segments in order

// Writes <out_dir>/index.h5 atomically: one virtual dataset per column, mapping the
// segments in order. Column names, types and table attributes come from each
// table's first segment's shard; a table without segments is left out.
void write_run_index(const std::string& out_dir, const IndexTables& tables,
                     const std::vector<std::pair<std::string, std::string>>& root_attrs);

// "<table>/<column>" -> (rows, content hash of the raw bytes) for every dataset of
// an index (read through the VDS). Equal digests = byte-identical feature data.
struct DatasetDigest {
  std::string dataset;
  std::size_t rows;
  std::string hash;
};
std::vector<DatasetDigest> digest_index(const std::string& index_path);

}  // namespace nba
