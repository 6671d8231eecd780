#include "phase3/table.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "core/fingerprint.hpp"

namespace nba {

std::int64_t StringPool::intern(std::string_view s) {
  if (sorted_) {  // interning into an assigned pool: from here on, the hash index
    sorted_ = false;
    index_.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) index_.emplace(std::string(at(static_cast<std::int64_t>(i))), i);
  }
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  const auto id = static_cast<std::int64_t>(size());
  bytes_.append(s);
  offsets_.push_back(bytes_.size());
  index_.emplace(std::string(s), id);
  return id;
}

std::int64_t StringPool::find(std::string_view s) const {
  if (sorted_) {
    std::size_t lo = 0, hi = size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (at(static_cast<std::int64_t>(mid)) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo < size() && at(static_cast<std::int64_t>(lo)) == s ? static_cast<std::int64_t>(lo) : -1;
  }
  auto it = index_.find(s);
  return it == index_.end() ? -1 : it->second;
}

std::vector<std::int64_t> StringPool::finalize_sorted() {
  std::vector<std::int64_t> order(size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return at(a) < at(b); });
  std::vector<std::int64_t> remap(size());
  std::string bytes;
  bytes.reserve(bytes_.size());
  std::vector<std::size_t> offsets{0};
  offsets.reserve(size() + 1);
  for (std::size_t i = 0; i < order.size(); ++i) {
    remap[static_cast<std::size_t>(order[i])] = static_cast<std::int64_t>(i);
    bytes.append(at(order[i]));
    offsets.push_back(bytes.size());
  }
  assign(std::move(bytes), std::move(offsets));
  return remap;
}

void StringPool::assign(std::string bytes, std::vector<std::size_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size() ||
      !std::is_sorted(offsets.begin(), offsets.end()))
    throw std::runtime_error("string pool offsets do not describe its bytes");
  bytes_ = std::move(bytes);
  offsets_ = std::move(offsets);
  index_.clear();
  // Sorted strings are found by binary search: no hash index to build.
  sorted_ = true;
  for (std::size_t i = 1; i < size() && sorted_; ++i)
    sorted_ = at(static_cast<std::int64_t>(i - 1)) < at(static_cast<std::int64_t>(i));
  if (!sorted_)
    for (std::size_t i = 0; i < size(); ++i) index_.emplace(std::string(at(static_cast<std::int64_t>(i))), i);
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
  for (std::size_t i = 0; i < data.strings.size(); ++i) fp.add(data.strings.at(static_cast<std::int64_t>(i)));
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
