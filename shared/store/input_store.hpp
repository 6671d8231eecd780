#pragma once
// The HDF5 input store: the validated Phase 3 tables as typed int64 columns plus
// the string pool, written once by `import` / `synth` and loaded by every rank.
// Layout: /strings/{bytes,offsets}, /tables/<table>/<column> (attrs: type, scale),
// root attrs format_version, fingerprint.
#include <string>

#include "phase3/table.hpp"

namespace nba {

// 2: the fingerprint hash went from byte-wise FNV-1a to 8 bytes a step; a
// version-1 store's stored fingerprint can no longer be checked, so it must be
// re-imported (the error says so).
inline constexpr std::int64_t kInputStoreFormat = 2;

void write_input_store(const std::string& path, const Phase3Data& data);
// Throws InputError if the file is not a readable input store of this format or
// a table/column the schema needs is missing.
Phase3Data read_input_store(const std::string& path);

}  // namespace nba
