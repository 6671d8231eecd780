#include "phase3/table.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "core/fingerprint.hpp"

namespace nba {

std::int64_t StringPool::intern(std::string_view s) {
  if (sorted_) {  // interning into an assigned pool: from here on, the hash index
    sorted_ = false;
    index_.reserve(strings_.size());
    for (std::size_t i = 0; i < strings_.size(); ++i) index_.emplace(strings_[i], static_cast<std::int64_t>(i));
  }
  auto it = index_.find(std::string(s));
  if (it != index_.end()) return it->second;
  const auto id = static_cast<std::int64_t>(strings_.size());
  strings_.emplace_back(s);
  index_.emplace(strings_.back(), id);
  return id;
}

std::int64_t StringPool::find(std::string_view s) const {
  if (sorted_) {
    const auto it = std::lower_bound(strings_.begin(), strings_.end(), s);
    return it != strings_.end() && *it == s ? it - strings_.begin() : -1;
  }
  auto it = index_.find(std::string(s));
  return it == index_.end() ? -1 : it->second;
}

std::vector<std::int64_t> StringPool::finalize_sorted() {
  std::vector<std::int64_t> order(strings_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return strings_[a] < strings_[b]; });
  std::vector<std::int64_t> remap(strings_.size());
  std::vector<std::string> sorted;
  sorted.reserve(strings_.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    remap[order[i]] = static_cast<std::int64_t>(i);
    sorted.push_back(std::move(strings_[order[i]]));
  }
  assign(std::move(sorted));
  return remap;
}

void StringPool::assign(std::vector<std::string> sorted_strings) {
  strings_ = std::move(sorted_strings);
  // Sorted strings are found by binary search: no hash index to build (a
  // worker's pool holds ~600,000 strings, most of them Phase 3 data_hash values).
  index_.clear();
  sorted_ = std::is_sorted(strings_.begin(), strings_.end());
  if (!sorted_)
    for (std::size_t i = 0; i < strings_.size(); ++i) index_.emplace(strings_[i], static_cast<std::int64_t>(i));
}

Table::Table(const TableSpec& spec) : name_(spec.name) {
  for (const auto& c : spec.columns) columns_.push_back({c, {}});
}

const Column& Table::column(std::string_view name) const {
  for (const auto& c : columns_)
    if (c.spec.name == name) return c;
  throw std::out_of_range("table " + name_ + " has no column " + std::string(name));
}

Column& Table::column(std::string_view name) {
  return const_cast<Column&>(static_cast<const Table&>(*this).column(name));
}

const Table& Phase3Data::table(std::string_view name) const {
  for (const auto& t : tables)
    if (t.name() == name) return t;
  throw std::out_of_range("input has no table " + std::string(name));
}

Table& Phase3Data::table(std::string_view name) {
  return const_cast<Table&>(static_cast<const Phase3Data&>(*this).table(name));
}

std::uint64_t compute_fingerprint(const Phase3Data& data) {
  Fingerprint fp;
  for (const auto& s : data.strings.strings()) fp.add(s);
  for (const auto& t : data.tables) {
    fp.add(t.name());
    fp.add_u64(t.rows());
    for (const auto& c : t.columns()) {
      fp.add(c.spec.name);
      fp.add_bytes(c.values.data(), c.values.size() * sizeof(std::int64_t));
    }
  }
  return fp.value();
}

}  // namespace nba
