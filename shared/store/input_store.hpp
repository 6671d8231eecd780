#pragma once
// The HDF5 input store: the validated Phase 3 tables as typed int64 columns plus
// the string pool, written once by `import` / `synth` and loaded by every rank.
// Layout: /strings/{bytes,offsets}, /tables/<table>/<column> (attrs: type, scale),
// /planning/{day,day_hash} (attr checksum), root attrs format_version, fingerprint.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/civil_date.hpp"

#include "phase3/table.hpp"

namespace nba {

// 2: the fingerprint hash went from byte-wise FNV-1a to 8 bytes a step; a
// version-1 store's stored fingerprint can no longer be checked, so it must be
// re-imported (the error says so).
// 3: /planning holds the per-day input hashes (InputFingerprints), so rank 0
// plans without loading the tables (decision 47).
inline constexpr std::int64_t kInputStoreFormat = 4;  // 4: data_hash and processed_at of the Phase 3 tables

// `day_hashes`: InputFingerprints(data).day_hashes(), kept for rank 0 to plan from.
void write_input_store(const std::string& path, const Phase3Data& data,
                       const std::map<Day, std::uint64_t>& day_hashes);
// Throws InputError if the file is not a readable input store of this format or
// a table/column the schema needs is missing.
Phase3Data read_input_store(const std::string& path);

// What rank 0 plans an MPI run from, read without the other tables (about a
// tenth of the store): the schedule, the box scores' dates, the per-day input
// hashes written with the store and the recorded content fingerprint. The
// content itself is verified by every worker's read_input_store, against that
// same fingerprint.
struct PlanningInput {
  std::string fingerprint_hex;
  Table schedule;
  std::vector<std::int64_t> player_game_dates;
  std::map<Day, std::uint64_t> day_hashes;
};
PlanningInput read_planning_input(const std::string& path);

// Some columns of one table (raw int64 values: string columns hold string ids),
// read without the rest of the store: the Phase 3 preflight counts dates and
// players from them before any rank loads the tables.
std::vector<std::vector<std::int64_t>> read_store_columns(const std::string& path, const std::string& table,
                                                          const std::vector<std::string>& columns);

}  // namespace nba
