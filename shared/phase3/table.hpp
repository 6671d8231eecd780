#pragma once
// A generic, typed, columnar in-memory table. Every Phase 3 value is held as an
// int64: integers as is, NUMERIC(p,s) as the exact scaled integer (value * 10^s,
// so decimal sums are exact), DATE as a day number, BOOL as 0/1, STRING as an id
// into the StringPool. NULL is kNull for every type.
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/null_value.hpp"
#include "phase3/schema.hpp"

namespace nba {


// Interned strings. After finalize_sorted(), id order equals byte-wise string
// order, so sorting by id sorts by value (needed for deterministic tie breaks).
// The strings lie end to end in one buffer: a worker's pool holds ~600,000 of
// them (most are 16-character Phase 3 data_hash values, one byte too long for
// std::string's inline buffer), and one allocation each was a visible share
// of loading the input store.
class StringPool {
 public:
  std::int64_t intern(std::string_view s);
  std::string_view at(std::int64_t id) const {
    const auto i = static_cast<std::size_t>(id);
    if (id < 0 || i + 1 >= offsets_.size()) throw std::out_of_range("string id " + std::to_string(id));
    return std::string_view(bytes_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  // Returns the id of s, or -1 when absent.
  std::int64_t find(std::string_view s) const;
  std::size_t size() const { return offsets_.size() - 1; }
  // Re-numbers ids into sorted order; returns old-id -> new-id.
  std::vector<std::int64_t> finalize_sorted();
  // The pool as the input store keeps it: the strings end to end in `bytes`,
  // string i at [offsets[i], offsets[i + 1]).
  const std::string& bytes() const { return bytes_; }
  const std::vector<std::size_t>& offsets() const { return offsets_; }
  void assign(std::string bytes, std::vector<std::size_t> offsets);

 private:
  std::string bytes_;
  std::vector<std::size_t> offsets_{0};
  // The index while interning: open addressing over ids (slot = id + 1, 0 =
  // empty), probed linearly from the string's 32-bit hash, which hash_of_
  // keeps per id. A node-based map held a heap copy of every string (a
  // 16-character data_hash is one byte past std::string's inline buffer) and
  // its lookups were a seventh of import's time.
  std::vector<std::uint32_t> slots_;
  std::vector<std::uint32_t> hash_of_;
  std::int64_t index_find(std::string_view s, std::uint32_t h) const;
  void index_insert(std::uint32_t id);
  void place(std::uint32_t id);  // into the first free slot from its hash
  void index_rebuild();
  bool sorted_ = false;  // after assign(): the strings are sorted, find() searches them
};

struct Column {
  ColumnSpec spec;
  std::vector<std::int64_t> values;
};

class Table {
 public:
  Table() = default;
  explicit Table(const TableSpec& spec);
  const std::string& name() const { return name_; }
  std::size_t rows() const { return rows_; }
  void set_rows(std::size_t n) { rows_ = n; }
  std::vector<Column>& columns() { return columns_; }
  const std::vector<Column>& columns() const { return columns_; }
  // Throws std::out_of_range naming the table and column when absent.
  const Column& column(std::string_view name) const;
  Column& column(std::string_view name);
  const std::vector<std::int64_t>& values(std::string_view name) const { return column(name).values; }

 private:
  std::string name_;
  std::size_t rows_ = 0;
  std::vector<Column> columns_;
};

// A table's newest-processed hashed row dated before the first day a season
// slice holds (store/input_store.hpp): what a pick over "every row before D"
// (processors/source_hashes.hpp) sees of the rows the slice leaves out.
struct CarriedPick {
  std::int64_t processed_at = kNull;
  std::int64_t data_hash = kNull;  // string id; kNull: no such row
};

struct Phase3Data {
  StringPool strings;
  std::vector<Table> tables;  // in phase3_table_specs() order
  std::map<std::string, CarriedPick, std::less<>> carried_picks;  // by table; empty when every row is held

  const Table& table(std::string_view name) const;
  Table& table(std::string_view name);
};

// Content fingerprint over all tables and the string pool (the synthetic
// league's determinism test compares imports by it).
std::uint64_t compute_fingerprint(const Phase3Data& data);

}  // namespace nba
