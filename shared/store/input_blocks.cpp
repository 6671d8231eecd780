#include "store/input_blocks.hpp"

#include <algorithm>

namespace nba {

std::pair<std::size_t, std::size_t> InputBlocks::range(int first, int last) const {
  const auto lo = std::lower_bound(season.begin(), season.end(), static_cast<std::int64_t>(first));
  const auto hi = std::upper_bound(season.begin(), season.end(), static_cast<std::int64_t>(last));
  const auto b = static_cast<std::size_t>(lo - season.begin());
  return {b, std::max(b, static_cast<std::size_t>(hi - season.begin()))};
}

std::map<int, int> InputBlocks::season_reach() const {
  std::map<int, int> out;
  for (std::size_t b = 0; b < size(); ++b) out.emplace(static_cast<int>(season[b]), static_cast<int>(reach[b]));
  return out;
}

std::uint64_t InputBlocks::fingerprint(std::string_view planning_checksum) const {
  Fingerprint fp;
  fp.add(planning_checksum);
  auto add = [&](std::string_view name, const std::vector<std::int64_t>& v) {
    fp.add(name);
    fp.add_bytes(v.data(), v.size() * sizeof(std::int64_t));
  };
  add("season", season);
  add("reach", reach);
  add("checksum", checksum);
  add("string_begin", string_begin);
  for (const auto& [table, v] : rows) add(table, v);
  for (const auto& [table, v] : carried_processed_at) add(table, v);
  for (const auto& [table, v] : carried_hash) add(table, v);
  return fp.value();
}

BlockChecksum::BlockChecksum(std::int64_t season, std::int64_t reach) {
  fp_.add_u64(static_cast<std::uint64_t>(season));
  fp_.add_u64(static_cast<std::uint64_t>(reach));
}

void BlockChecksum::strings(std::string_view bytes, std::span<const std::int64_t> offsets) {
  fp_.add(bytes);
  fp_.add_bytes(offsets.data(), offsets.size_bytes());
}

void BlockChecksum::column(std::string_view table, std::string_view column, std::span<const std::int64_t> values) {
  fp_.add(table);
  fp_.add(column);
  fp_.add_u64(values.size());
  fp_.add_bytes(values.data(), values.size_bytes());
}

void BlockChecksum::carried(std::string_view table, std::int64_t processed_at, std::int64_t hash) {
  fp_.add(table);
  fp_.add_u64(static_cast<std::uint64_t>(processed_at));
  fp_.add_u64(static_cast<std::uint64_t>(hash));
}

}  // namespace nba
