#include "phase3/table.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/fingerprint.hpp"
#include "core/parallel_jobs.hpp"

namespace nba {

namespace {

std::uint32_t hash32(std::string_view s) { return static_cast<std::uint32_t>(std::hash<std::string_view>{}(s)); }

}  // namespace

std::int64_t StringPool::index_find(std::string_view s, std::uint32_t h) const {
  if (slots_.empty()) return -1;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0) return -1;
    if (hash_of_[slot - 1] == h && at(slot - 1) == s) return slot - 1;
  }
}

void StringPool::index_insert(std::uint32_t id) {
  if ((static_cast<std::size_t>(id) + 1) * 2 > slots_.size()) {  // at most half full
    index_rebuild();
    return;
  }
  place(id);
}

void StringPool::place(std::uint32_t id) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash_of_[id] & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = id + 1;
}

void StringPool::index_rebuild() {
  const std::size_t n = size(), known = hash_of_.size();
  hash_of_.resize(n);
  for (std::size_t id = known; id < n; ++id) hash_of_[id] = hash32(at(static_cast<std::int64_t>(id)));
  std::size_t capacity = 16;
  while (capacity < 4 * n) capacity *= 2;  // a quarter full after a rebuild
  slots_.assign(capacity, 0);
  for (std::size_t id = 0; id < n; ++id) place(static_cast<std::uint32_t>(id));
}

std::int64_t StringPool::intern(std::string_view s) {
  if (sorted_) {  // interning into an assigned pool: from here on, the hash index
    sorted_ = false;
    hash_of_.clear();
    index_rebuild();
  }
  const std::uint32_t h = hash32(s);
  if (const std::int64_t id = index_find(s, h); id >= 0) return id;
  if (size() >= std::numeric_limits<std::uint32_t>::max() - 1)
    throw std::length_error("string pool: more than 4 billion distinct strings");
  const auto id = static_cast<std::uint32_t>(size());
  bytes_.append(s);
  offsets_.push_back(bytes_.size());
  hash_of_.push_back(h);
  index_insert(id);
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
  return index_find(s, hash32(s));
}

std::vector<std::int64_t> StringPool::finalize_sorted() {
  std::vector<std::int64_t> order(size());
  std::iota(order.begin(), order.end(), 0);
  // Two halves sorted on two cores, then merged: the sort is on import's
  // critical path (~300,000 strings for the real data). Ids are distinct
  // strings, so the order is total and the result the same as one sort.
  const auto by_text = [&](auto a, auto b) { return at(a) < at(b); };
  const auto middle = order.begin() + static_cast<std::ptrdiff_t>(order.size() / 2);
  run_jobs({0, 1}, [&](std::size_t half) {
    if (half == 0) std::sort(order.begin(), middle, by_text);
    else std::sort(middle, order.end(), by_text);
  });
  std::inplace_merge(order.begin(), middle, order.end(), by_text);
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
  slots_.clear();
  hash_of_.clear();
  // Sorted strings are found by binary search: no hash index to build.
  sorted_ = true;
  for (std::size_t i = 1; i < size() && sorted_; ++i)
    sorted_ = at(static_cast<std::int64_t>(i - 1)) < at(static_cast<std::int64_t>(i));
  if (!sorted_) index_rebuild();
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
