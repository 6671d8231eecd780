#include "plan/input_fingerprints.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "core/fingerprint.hpp"
#include "core/parallel_jobs.hpp"
#include "phase3/schema.hpp"
#include "phase3/table.hpp"
#include "processors/input_reach.hpp"

namespace nba {

InputFingerprints::InputFingerprints(const Phase3Data& data) : reach_(nba::season_reach(data)) {
  // One map per table, on the node's cores: a sum is independent of row order,
  // so the tables' sums add up to the same hashes.
  std::vector<std::map<Day, std::uint64_t>> per_table(data.tables.size());
  std::vector<std::size_t> order(data.tables.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return data.tables[a].rows() > data.tables[b].rows(); });
  run_jobs(order, [&](std::size_t k) {
    const Table& t = data.tables[k];
    const auto& dates = t.values(phase3_table_spec(t.name()).date_column);
    for (std::size_t i = 0; i < t.rows(); ++i) {
      // Hash values, not string ids: ids depend on everything else in the input.
      Fingerprint fp;
      fp.add(t.name());
      for (const auto& c : t.columns()) {
        const std::int64_t v = c.values[i];
        if (c.spec.type == ColumnType::String && v != kNull) fp.add(data.strings.at(v));
        else fp.add_u64(static_cast<std::uint64_t>(v));
      }
      per_table[k][static_cast<Day>(dates[i])] += fp.value();
    }
  });
  for (const auto& hashes : per_table)
    for (const auto& [day, h] : hashes) day_hash_[day] += h;
}

const std::string& InputFingerprints::of(Day d) const {
  if (auto it = window_.find(d); it != window_.end()) return it->second;
  Fingerprint fp;
  const int season = season_year_of(d);
  const auto reach = reach_.find(season);
  const Day from = october_first(reach == reach_.end() ? season - 1 : reach->second);
  for (auto it = day_hash_.lower_bound(from); it != day_hash_.end() && it->first <= d; ++it) {
    fp.add_u64(static_cast<std::uint64_t>(it->first));
    fp.add_u64(it->second);
  }
  return window_[d] = fp.hex();
}

}  // namespace nba
