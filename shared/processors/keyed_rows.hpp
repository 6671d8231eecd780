#pragma once
// A read-only index of one date's rows by a string key (player_lookup or
// team_abbr), built once per date and probed once or more per entity. A sorted
// vector of (key, row) instead of a std::map<std::string, ...>: no string copies
// or node allocations, one binary search per probe, comparing the keys' 8-byte
// prefixes as integers (core/key_prefix.hpp).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/key_prefix.hpp"

namespace nba {

// Which row a key maps to when several rows share it. LastWins is what
// `map[key] = &row` over the rows in order gives; FirstWins is `map.emplace`.
enum class OnDuplicateKey { FirstWins, LastWins };

template <typename Row>
class KeyedRows {
 public:
  // key is a projection (std::invoke), usually a member pointer such as
  // &Row::player_lookup; what it returns must live as long as the rows.
  template <typename Rows, typename KeyOf>
  KeyedRows(const Rows& rows, KeyOf key, OnDuplicateKey duplicates) : duplicates_(duplicates) {
    entries_.reserve(rows.size());
    for (const auto& r : rows) {
      const std::string_view k(std::invoke(key, r));
      entries_.push_back({key_prefix(k), k, &r});
    }
    // The processors emit rows in key order (players and teams ascending), and
    // std::stable_sort still merges sorted input at n log n compares: a visible
    // share of MLFS, which indexes four tables a date. One pass checks first.
    if (!std::is_sorted(entries_.begin(), entries_.end(), by_key))
      std::stable_sort(entries_.begin(), entries_.end(), by_key);
  }

  // The row for `key`, or nullptr.
  const Row* find(std::string_view key) const {
    const Entry probe{key_prefix(key), key, nullptr};
    if (duplicates_ == OnDuplicateKey::FirstWins) {
      auto it = std::lower_bound(entries_.begin(), entries_.end(), probe, by_key);
      return it != entries_.end() && it->key == key ? it->row : nullptr;
    }
    auto it = std::upper_bound(entries_.begin(), entries_.end(), probe, by_key);
    return it != entries_.begin() && (it - 1)->key == key ? (it - 1)->row : nullptr;
  }

 private:
  struct Entry {
    std::uint64_t prefix;
    std::string_view key;
    const Row* row;
  };
  static bool by_key(const Entry& a, const Entry& b) { return key_less(a.prefix, a.key, b.prefix, b.key); }
  std::vector<Entry> entries_;
  OnDuplicateKey duplicates_;
};

}  // namespace nba
