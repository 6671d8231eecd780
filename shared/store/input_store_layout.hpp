#pragma once
// The input store's group names and its block index on disk, shared by the
// store's writer and reader (store/input_store.hpp); nothing else includes it.
#include <string>
#include <vector>

#include "store/hdf5_file.hpp"
#include "store/input_blocks.hpp"

namespace nba::layout {

inline constexpr const char* kStrings = "strings";
inline constexpr const char* kPlanning = "planning";
inline constexpr const char* kBlocks = "blocks";
inline constexpr const char* kTables = "tables";

// The per-day hashes' own checksum (kept as /planning's attribute).
std::string planning_checksum(const std::vector<std::int64_t>& days, const std::vector<std::int64_t>& hashes);

void write_blocks(hid_t file, const InputBlocks& blocks);
// Throws InputError naming `path` when the index is missing or inconsistent.
InputBlocks read_blocks(const std::string& path, hid_t file);

}  // namespace nba::layout
