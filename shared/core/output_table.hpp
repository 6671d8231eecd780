#pragma once
// A processor's output rows in column form, the unit every writer and reader
// shares (shard, index, digest). Column kinds map to HDF5 as:
//   F64 -> float64, NaN = NULL      I64 -> int64 (never NULL)
//   Str -> fixed-width ASCII, empty string = NULL
//   F64Matrix / I8Matrix -> 2-D [rows, width] float64 (NaN = NULL; row-major in f64) / int8
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.hpp"
#include "core/fixed_width.hpp"

namespace nba {

enum class OutKind { F64, I64, Str, F64Matrix, I8Matrix };

// A processor's rows as the engine keeps them for a unit: one vector per date,
// in date order. Kept apart, not concatenated: appending each date's rows to
// one vector moved every row once more, and again at every growth of that vector.
template <typename Row>
using RowBatches = std::span<const std::vector<Row>>;

struct OutColumn {
  std::string name;
  OutKind kind;
  std::size_t width = 0;  // Str: bytes per value; matrices: columns
  std::vector<double> f64;  // F64, and F64Matrix row-major
  std::vector<std::int64_t> i64;
  // Str: the values packed as HDF5 stores them, `width` bytes each, NUL-padded.
  // Built in place so a row's strings are copied once, not into a
  // std::string per value first (that was most of the shard-writing time's mallocs).
  std::vector<char> fixed;
  std::vector<std::int8_t> i8;  // row-major, I8Matrix

  std::size_t size() const;
  // Str: value i without its padding.
  std::string_view str_at(std::size_t i) const { return fixed_width_value(fixed.data(), width, i); }
};

class OutputTable {
 public:
  OutputTable() = default;
  explicit OutputTable(std::string name) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  std::size_t rows() const { return columns_.empty() ? 0 : columns_.front().size(); }
  const std::vector<OutColumn>& columns() const { return columns_; }
  const OutColumn& column(const std::string& name) const;
  // String-list attributes written on the table's group (e.g. feature names).
  const std::vector<std::pair<std::string, std::vector<std::string>>>& attributes() const { return attributes_; }
  void set_attribute(const std::string& name, std::vector<std::string> values) {
    attributes_.emplace_back(name, std::move(values));
  }

  // Builds the columns from the rows of `batches`, in order, a block of at most
  // kBlockRows rows (never crossing batches) at a time:
  // `describe(block)` makes the same add_* calls for every block (a block is a
  // std::span of rows), the first block creating each column and later ones
  // appending to it. A row is 200 to 500 bytes, so reading one column of all
  // rows, then the next, missed the cache at every row of every column; a
  // block's rows stay in cache while all its columns are read. (Outside
  // add_rows every add_* call makes a whole column from the rows it is given.)
  template <typename Row, typename Describe>
  void add_rows(RowBatches<Row> batches, Describe describe) {
    const std::size_t first_column = columns_.size();
    expected_rows_ = 0;
    for (const auto& batch : batches) expected_rows_ += batch.size();
    bool first_block = true;
    auto block = [&](const Row* begin, std::size_t n) {
      in_later_block_ = !first_block;
      first_block = false;
      cursor_ = first_column;
      describe(std::span<const Row>(begin, n));
    };
    for (const auto& batch : batches)
      for (std::size_t b = 0; b < batch.size(); b += kBlockRows)
        block(batch.data() + b, std::min(kBlockRows, batch.size() - b));
    if (first_block) block(nullptr, 0);  // no rows: the columns still exist, empty
    in_later_block_ = false;
    expected_rows_ = 0;
  }
  template <typename Row, typename Describe>
  void add_rows(const std::vector<Row>& rows, Describe describe) {
    add_rows(RowBatches<Row>(&rows, 1), describe);
  }

  // Column builders from rows (a vector or an add_rows block) and a member
  // pointer / projection.
  template <typename Rows, typename Fn>
  void add_f64(std::string_view name, const Rows& rows, Fn fn) {
    OutColumn& c = column_for(name, OutKind::F64, 0);
    for (const auto& r : rows) c.f64.push_back(fn(r));
  }
  template <typename Rows, typename Fn>
  void add_i64(std::string_view name, const Rows& rows, Fn fn) {
    OutColumn& c = column_for(name, OutKind::I64, 0);
    for (const auto& r : rows) c.i64.push_back(fn(r));
  }
  // fn(row) returns a fixed-size array (std::array) of `width` values.
  template <typename Rows, typename Fn>
  void add_f64_matrix(std::string_view name, std::size_t width, const Rows& rows, Fn fn) {
    OutColumn& c = column_for(name, OutKind::F64Matrix, width);
    for (const auto& r : rows)
      for (auto v : fn(r)) c.f64.push_back(static_cast<double>(v));
  }
  template <typename Rows, typename Fn>
  void add_i8_matrix(std::string_view name, std::size_t width, const Rows& rows, Fn fn) {
    OutColumn& c = column_for(name, OutKind::I8Matrix, width);
    for (const auto& r : rows)
      for (auto v : fn(r)) c.i8.push_back(static_cast<std::int8_t>(v));
  }
  // A BOOL column of the original: stored as int64 0/1 and listed in the table's
  // `bool_columns` attribute so exports can write true/false.
  template <typename Rows, typename Fn>
  void add_bool(std::string_view name, const Rows& rows, Fn fn) {
    if (!in_later_block_) bool_columns_.emplace_back(name);
    OutColumn& c = column_for(name, OutKind::I64, 0);
    for (const auto& r : rows) c.i64.push_back(fn(r) ? 1 : 0);
  }
  const std::vector<std::string>& bool_columns() const { return bool_columns_; }
  // fn is a projection (std::invoke): a member pointer such as &Row::team_abbr
  // (read in place, no copy) or a callable returning a string or string_view.
  // A value longer than `width` is an error, never cut silently.
  template <typename Rows, typename Fn>
  void add_str(std::string_view name, std::size_t width, const Rows& rows, Fn fn) {
    OutColumn& c = column_for(name, OutKind::Str, width);
    const std::size_t start = c.fixed.size();
    c.fixed.resize(start + std::size(rows) * width);  // NUL-padded
    char* out = c.fixed.data() + start;
    for (const auto& r : rows) {
      const auto& value = std::invoke(fn, r);  // a returned temporary lives until the next row
      const std::string_view v(value);
      if (v.size() > width)
        throw std::runtime_error("value '" + std::string(v) + "' is longer than the " + std::to_string(width) +
                                "-byte column " + name_ + "/" + std::string(name));
      std::memcpy(out, v.data(), v.size());
      out += width;
    }
  }
  // A DATE column, ISO text (YYYY-MM-DD). day_of is a projection to a Day.
  // Rows come date by date, so each run of equal dates is formatted once.
  template <typename Rows, typename Fn>
  void add_date(std::string_view name, const Rows& rows, Fn day_of) {
    constexpr std::size_t kWidth = 10;
    OutColumn& c = column_for(name, OutKind::Str, kWidth);
    const std::size_t start = c.fixed.size();
    c.fixed.resize(start + std::size(rows) * kWidth);
    char* out = c.fixed.data() + start;
    std::optional<Day> last;
    std::string text;
    for (const auto& r : rows) {
      const Day d = std::invoke(day_of, r);
      if (d != last) text = format_iso_date(d), last = d;
      if (text.size() > kWidth)
        throw std::runtime_error("date " + text + " does not fit column " + name_ + "/" + std::string(name));
      std::memcpy(out, text.data(), text.size());
      out += kWidth;
    }
  }

 private:
  static constexpr std::size_t kBlockRows = 64;

  // The column an add_* call fills: a new one, or, in a later block of
  // add_rows, the one the same call created in the first block. Names are
  // string_views: a later block only compares them, and a std::string made
  // from each literal on every block was a heap allocation per column per 64
  // rows (most names are longer than std::string's inline buffer).
  OutColumn& column_for(std::string_view name, OutKind kind, std::size_t width) {
    if (in_later_block_) {
      if (cursor_ >= columns_.size() || columns_[cursor_].name != name)
        throw std::logic_error("output table " + name_ + ": column " + std::string(name) +
                               " described differently between blocks");
      return columns_[cursor_++];
    }
    OutColumn& c = columns_.emplace_back(OutColumn{std::string(name), kind, width, {}, {}, {}, {}});
    const std::size_t rows = expected_rows_;  // room for every block's values at once
    switch (kind) {
      case OutKind::F64: c.f64.reserve(rows); break;
      case OutKind::I64: c.i64.reserve(rows); break;
      case OutKind::Str: c.fixed.reserve(rows * width); break;
      case OutKind::F64Matrix: c.f64.reserve(rows * width); break;
      case OutKind::I8Matrix: c.i8.reserve(rows * width); break;
    }
    return c;
  }

  std::string name_;
  std::vector<OutColumn> columns_;
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes_;
  std::vector<std::string> bool_columns_;
  // add_rows' state: whether the block is not the first, the next column a
  // later block fills, and the row count.
  bool in_later_block_ = false;
  std::size_t cursor_ = 0;
  std::size_t expected_rows_ = 0;
};

}  // namespace nba
