#pragma once
// Building a per-key view of a Phase 3 table (per player, per date): sort the
// row indexes once, then visit each run of rows with the same key, so every
// view row is built once, in its final place, instead of being appended to a
// growing vector and moved again by a later sort.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

namespace nba {

// The indexes 0 .. rows-1 ordered by `less` (a strict weak order on indexes;
// break ties by index for an order independent of the sort algorithm).
template <typename Less>
std::vector<std::uint32_t> rows_sorted_by(std::size_t rows, Less less) {
  std::vector<std::uint32_t> order(rows);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), less);
  return order;
}

// Calls fn(group) for each maximal run of `order` whose rows have equal key(row).
template <typename Key, typename Fn>
void for_each_group(const std::vector<std::uint32_t>& order, Key key, Fn fn) {
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && key(order[end]) == key(order[begin])) ++end;
    fn(std::span<const std::uint32_t>(order.data() + begin, end - begin));
    begin = end;
  }
}

}  // namespace nba
