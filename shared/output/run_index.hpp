#pragma once
// index.h5: one group per table with one virtual dataset (VDS) per column that
// concatenates the shards in date order, so h5py reads the whole run as one
// table per processor without copying data. Built by rank 0 only after every
// shard was validated (a VDS silently reads fill values for a missing source).
#include <string>
#include <utility>
#include <vector>

#include "output/shard_file.hpp"

namespace nba {

struct IndexedShard {
  std::string relative_path;  // relative to the output directory
  ShardSummary summary;
};

// Shards must be given in date order. Writes <out_dir>/index.h5 atomically.
void write_run_index(const std::string& out_dir, const std::vector<IndexedShard>& shards,
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
