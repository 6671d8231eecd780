#pragma once
// CSV / CSV.gz (BigQuery export shape) -> Phase3Data, with strict validation:
// a missing required column, an unparsable value, a NULL key or a duplicate key
// is an InputError naming file, line and column. Extra columns are ignored.
#include <string>
#include <vector>

#include <set>

#include "core/civil_date.hpp"
#include "phase3/table.hpp"

namespace nba {

struct ImportResult {
  Phase3Data data;
  std::vector<std::string> warnings;  // e.g. optional columns absent (imported as NULL)
};

// Throws an InputError unless `dir` is a readable directory (a file, a missing
// path and a symlink loop each say what they are).
void check_input_directory(const std::string& dir);

// Reads every table of the schema from <dir>: <table>.csv[.gz], the shards
// <table>-NNNNNNNNNNNN.csv[.gz] of `bq extract`, or a folder <table>/ (phase3/table_files.hpp).
ImportResult import_phase3_dir(const std::string& dir);

// Reads one table from its files, concatenated in the given order (every file
// has the same header; line numbers in errors are per file). When the table's
// rules ask for it, every game_date must be in `schedule_dates` (null: not checked).
Table import_table_files(const TableSpec& spec, const std::vector<std::string>& paths, StringPool& strings,
                         std::vector<std::string>& warnings, const std::set<Day>* schedule_dates = nullptr);

// The same for a table in one file (the tests and the fuzzer).
Table import_table_file(const TableSpec& spec, const std::string& path, StringPool& strings,
                        std::vector<std::string>& warnings, const std::set<Day>* schedule_dates = nullptr);

// Re-numbers string ids into sorted order across all tables and fingerprints the result.
void finalize_phase3(Phase3Data& data);

}  // namespace nba
