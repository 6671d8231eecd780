#pragma once
// A table of a run's index.h5 read whole, column by column, through the
// virtual datasets (what `export` writes out and `validate` checks).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nba {

struct IndexColumn {
  std::string name;
  enum Kind { Str, F64, I64, Bool, F64Matrix, I8Matrix } kind = I64;
  std::size_t width = 0;  // columns of a matrix (row-major in f / i8)
  std::vector<std::string> s;
  std::vector<double> f;
  std::vector<std::int64_t> i;
  std::vector<std::int8_t> i8;
  std::size_t rows() const;
};

struct IndexTable {
  std::string name;
  std::vector<IndexColumn> columns;  // in the processor's own column order
  const IndexColumn* find(const std::string& column) const;
  const IndexColumn& at(const std::string& column) const;  // throws std::out_of_range naming it
  // The table's date column (game_date, cache_date or analysis_date), if any.
  const IndexColumn* date_column() const;
  std::size_t rows() const { return columns.empty() ? 0 : columns.front().rows(); }
};

// Throws UsageError when there is no index at `index_path` or it has no such
// table. `only`: read just these columns (all when empty).
IndexTable read_index_table(const std::string& index_path, const std::string& table,
                            const std::vector<std::string>& only = {});

// The tables the index holds (not its segment records).
std::vector<std::string> index_table_names(const std::string& index_path);

}  // namespace nba
