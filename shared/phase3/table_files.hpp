#pragma once
// Where a Phase 3 table's rows are on disk: one file `<table>.csv[.gz]`, or the
// shards `bq extract` writes from a wildcard URI (`<table>-000000000000.csv.gz`,
// `<table>-000000000001.csv.gz`, ...), or a folder `<table>/` of `*.csv[.gz]`.
#include <string>
#include <vector>

namespace nba {

// The table's files in name order (the order their rows are read). Throws an
// InputError when none exist or when two layouts are present at once.
std::vector<std::string> locate_table_files(const std::string& dir, const std::string& table);

// Whether any layout of the table is present (optional tables may be absent).
bool table_files_exist(const std::string& dir, const std::string& table);

}  // namespace nba
