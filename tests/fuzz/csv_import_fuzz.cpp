// libFuzzer target: arbitrary bytes as a Phase 3 table file (plain or gzip),
// through the CSV reader, the value parsers and the import rules. Every input
// must end either in a table or in an InputError naming file and line; any
// other exception, a crash or a sanitizer report is a bug.
// Built only by scripts/fuzz.sh (CMake option NBA_FUZZ, clang), never in CI's run.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/errors.hpp"
#include "phase3/phase3_import.hpp"
#include "phase3/schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the table (and so its columns and rules).
  const auto& specs = nba::phase3_table_specs();
  const nba::TableSpec& spec = specs[data[0] % specs.size()];
  static const std::string path = "/dev/shm/nba-csv-fuzz-" + std::to_string(::getpid()) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
  nba::StringPool strings;
  std::vector<std::string> warnings;
  try {
    nba::import_table_file(spec, path, strings, warnings);
  } catch (const nba::InputError& e) {
    if (std::string(e.what()).find(path) == std::string::npos) std::abort();  // must name the file
  }
  return 0;
}
