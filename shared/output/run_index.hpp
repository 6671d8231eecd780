#pragma once
// index.h5: one group per table with one virtual dataset (VDS) per column that
// concatenates, in date order, the current rows of every date, so h5py reads the
// whole output folder as one table per processor without copying data. Built by
// rank 0 only from validated shards (a VDS silently reads fill values for a
// missing source).
#include <cstdint>
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

// A shard the index maps, with the CRC-32 of its bytes when the index was built.
struct IndexSource {
  std::string relative_path, crc32;
};

// Writes <out_dir>/index.h5 atomically: one virtual dataset per column, mapping the
// segments in order; /segments/<table>/{source,rows} record which source (its
// position in source_shards) each run of rows comes from, so `export` can give
// every row its shard's processed_at. Column names, types and table attributes come from each
// table's first segment's shard; a table without segments is left out. The
// sources' checksums are kept (root attributes source_shards, source_crc32).
void write_run_index(const std::string& out_dir, const IndexTables& tables,
                     const std::vector<std::pair<std::string, std::string>>& root_attrs,
                     const std::vector<IndexSource>& sources);

// The shards an index maps that no longer hold what it was built from (missing,
// or bytes with another CRC-32), each with what is wrong. A virtual dataset
// reads whatever its source holds now, fill values for a missing one, so
// `export` and `digest` check this first (issue 20, defect 6). Throws
// InputError for an index built before checksums were kept.
struct DamagedSource {
  std::string relative_path, problem;
};
std::vector<DamagedSource> damaged_index_sources(const std::string& index_path);

// The index's group of segment records: not a table (digest and export skip it).
inline constexpr const char* kSegmentsGroup = "segments";

// Each row of `table` in index order -> the processed_at attribute of the shard
// it comes from ("" for a shard written before shards recorded it). Kept as
// one small index per row into the distinct stamps (one per shard).
struct RowStamps {
  std::vector<std::string> stamps;
  std::vector<std::uint32_t> of_row;
  std::size_t size() const { return of_row.size(); }
  const std::string& operator[](std::size_t row) const { return stamps[of_row[row]]; }
};
RowStamps row_processed_at(const std::string& index_path, const std::string& table);

// "<table>/<column>" -> (rows, content hash of the raw bytes) for every dataset of
// an index (read through the VDS). Equal digests = byte-identical feature data.
struct DatasetDigest {
  std::string dataset;
  std::size_t rows;
  std::string hash;
};
std::vector<DatasetDigest> digest_index(const std::string& index_path);

}  // namespace nba
