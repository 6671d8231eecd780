#pragma once
// A whole-file checksum (CRC-32, the value zlib's crc32 and gzip give) recorded in the ledger for every shard.
// HDF5 checksums none of a shard's raw data, so a flipped byte inside a dataset
// would otherwise open and read as valid numbers; comparing the file's CRC with
// the one recorded when the shard was accepted catches that before resume
// trusts the shard or the index references it.
#include <string>

namespace nba {

// 8 lowercase hex digits. Throws std::runtime_error naming the path when the
// file cannot be read.
std::string file_crc32_hex(const std::string& path);

}  // namespace nba
