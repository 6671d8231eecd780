// Writing the input store (format 5): rows sorted by date, one sorted string
// pool per season, the block index and checksums (store/input_store.hpp).
#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "store/atomic_file.hpp"
#include "store/input_blocks.hpp"
#include "store/input_store.hpp"
#include "store/input_store_layout.hpp"

namespace nba {

namespace {

// A table's rows in date order (input order within a date) and where each season starts.
struct SortedTable {
  std::vector<std::uint32_t> order;
  std::vector<std::int64_t> block_rows;  // blocks + 1
};

SortedTable sort_by_date(const Table& t, const std::vector<std::int64_t>& seasons) {
  const auto& dates = t.values(phase3_table_spec(t.name()).date_column);
  SortedTable s;
  s.order.resize(t.rows());
  std::iota(s.order.begin(), s.order.end(), 0u);
  for (const std::int64_t d : dates)
    if (d == kNull) throw std::logic_error("input store: table " + t.name() + " has a row without its date");
  std::stable_sort(s.order.begin(), s.order.end(), [&](auto a, auto b) { return dates[a] < dates[b]; });
  std::size_t i = 0;
  for (const std::int64_t season : seasons) {
    s.block_rows.push_back(static_cast<std::int64_t>(i));
    while (i < s.order.size() && season_year_of(static_cast<Day>(dates[s.order[i]])) == season) ++i;
  }
  s.block_rows.push_back(static_cast<std::int64_t>(i));
  if (i != s.order.size()) throw std::logic_error("input store: a row of " + t.name() + " lies in no season block");
  return s;
}

// Every block's sorted pool end to end, and each global string id's id in its block's pool.
struct BlockPools {
  std::string bytes;
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int64_t> begin;                   // blocks + 1, into offsets
  std::vector<std::vector<std::int64_t>> local_id;   // per block: global id -> local id (-1: unused)
};

BlockPools build_pools(const Phase3Data& data, const std::vector<SortedTable>& sorted, std::size_t blocks,
                       const std::vector<std::vector<std::int64_t>>& carried_ids) {
  BlockPools p;
  const StringPool& pool = data.strings;
  std::vector<std::int64_t> used;
  for (std::size_t b = 0; b < blocks; ++b) {
    used.clear();
    for (std::size_t t = 0; t < data.tables.size(); ++t) {
      const Table& table = data.tables[t];
      const auto lo = static_cast<std::size_t>(sorted[t].block_rows[b]), hi = static_cast<std::size_t>(sorted[t].block_rows[b + 1]);
      for (const auto& c : table.columns()) {
        if (c.spec.type != ColumnType::String) continue;
        for (std::size_t r = lo; r < hi; ++r)
          if (const std::int64_t v = c.values[sorted[t].order[r]]; v != kNull) used.push_back(v);
      }
    }
    for (const auto& ids : carried_ids)
      if (ids[b] != kNull) used.push_back(ids[b]);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    // A pool read from a store is sorted by content already; one interned by an import may not be.
    auto by_content = [&](std::int64_t a, std::int64_t c) { return pool.at(a) < pool.at(c); };
    if (!std::is_sorted(used.begin(), used.end(), by_content)) std::sort(used.begin(), used.end(), by_content);
    p.begin.push_back(static_cast<std::int64_t>(p.offsets.size() - 1));
    auto& local = p.local_id.emplace_back(pool.size(), -1);
    for (std::size_t i = 0; i < used.size(); ++i) {
      local[static_cast<std::size_t>(used[i])] = static_cast<std::int64_t>(i);
      p.bytes.append(pool.at(used[i]));
      p.offsets.push_back(static_cast<std::int64_t>(p.bytes.size()));
    }
  }
  p.begin.push_back(static_cast<std::int64_t>(p.offsets.size() - 1));
  return p;
}

}  // namespace

std::string write_input_store(const std::string& path, const Phase3Data& data, const StoreFacts& facts) {
  InputBlocks blocks;
  for (const auto& [season, reach] : facts.season_reach) blocks.season.push_back(season), blocks.reach.push_back(reach);
  const std::size_t nb = blocks.size();
  std::vector<SortedTable> sorted;
  for (const auto& t : data.tables) sorted.push_back(sort_by_date(t, blocks.season));
  // The source-hash picks each block carries in, as global string ids first.
  std::vector<std::string> carried_tables;
  std::vector<std::vector<std::int64_t>> carried_at, carried_ids;
  for (const auto& [table, per_season] : facts.carried) {
    carried_tables.push_back(table);
    auto& at = carried_at.emplace_back(), &ids = carried_ids.emplace_back();
    for (const std::int64_t season : blocks.season) {
      const auto it = per_season.find(static_cast<int>(season));
      const CarriedPick pick = it == per_season.end() ? CarriedPick{} : it->second;
      at.push_back(pick.processed_at), ids.push_back(pick.data_hash);
    }
  }
  const BlockPools pools = build_pools(data, sorted, nb, carried_ids);
  blocks.string_begin = pools.begin;
  for (std::size_t k = 0; k < carried_tables.size(); ++k) {
    const std::string& table = carried_tables[k];
    auto& hashes = blocks.carried_hash[table];
    for (std::size_t b = 0; b < nb; ++b)
      hashes.push_back(carried_ids[k][b] == kNull ? kNull : pools.local_id[b][static_cast<std::size_t>(carried_ids[k][b])]);
    blocks.carried_processed_at[table] = carried_at[k];
  }
  // The columns as stored: sorted rows, string ids of their block's pool.
  std::vector<std::vector<std::vector<std::int64_t>>> stored(data.tables.size());
  for (std::size_t t = 0; t < data.tables.size(); ++t) {
    const Table& table = data.tables[t];
    blocks.rows[table.name()] = sorted[t].block_rows;
    for (const auto& c : table.columns()) {
      auto& out = stored[t].emplace_back(table.rows());
      for (std::size_t b = 0; b < nb; ++b)
        for (auto r = static_cast<std::size_t>(sorted[t].block_rows[b]); r < static_cast<std::size_t>(sorted[t].block_rows[b + 1]); ++r) {
          const std::int64_t v = c.values[sorted[t].order[r]];
          out[r] = c.spec.type == ColumnType::String && v != kNull ? pools.local_id[b][static_cast<std::size_t>(v)] : v;
        }
    }
  }
  for (std::size_t b = 0; b < nb; ++b) {
    BlockChecksum sum(blocks.season[b], blocks.reach[b]);
    const auto s0 = static_cast<std::size_t>(pools.begin[b]), s1 = static_cast<std::size_t>(pools.begin[b + 1]);
    std::vector<std::int64_t> offsets(pools.offsets.begin() + static_cast<std::ptrdiff_t>(s0),
                                      pools.offsets.begin() + static_cast<std::ptrdiff_t>(s1) + 1);
    const std::int64_t base = offsets.front();
    for (auto& o : offsets) o -= base;
    sum.strings(std::string_view(pools.bytes).substr(static_cast<std::size_t>(base), static_cast<std::size_t>(offsets.back())), offsets);
    for (std::size_t t = 0; t < data.tables.size(); ++t) {
      const auto lo = static_cast<std::size_t>(sorted[t].block_rows[b]), hi = static_cast<std::size_t>(sorted[t].block_rows[b + 1]);
      const auto& cols = data.tables[t].columns();
      for (std::size_t c = 0; c < cols.size(); ++c)
        sum.column(data.tables[t].name(), cols[c].spec.name, std::span(stored[t][c]).subspan(lo, hi - lo));
    }
    for (const std::string& table : carried_tables)
      sum.carried(table, blocks.carried_processed_at.find(table)->second[b], blocks.carried_hash.find(table)->second[b]);
    blocks.checksum.push_back(sum.value());
  }
  std::vector<std::int64_t> days, hashes;
  for (const auto& [day, hash] : facts.day_hashes) days.push_back(day), hashes.push_back(static_cast<std::int64_t>(hash));
  const std::string planning_sum = layout::planning_checksum(days, hashes);
  const std::string fingerprint = to_hex64(blocks.fingerprint(planning_sum));

  h5::silence_hdf5_errors();
  const std::string tmp = temp_path_for(path);
  try {
    h5::Handle file = h5::create_file(tmp);
    h5::set_attr(file.id(), "format_version", kInputStoreFormat);
    h5::set_attr(file.id(), "fingerprint", fingerprint);
    {
      h5::Handle g = h5::create_group(file.id(), layout::kStrings);
      h5::write_u8(g.id(), "bytes", std::vector<std::uint8_t>(pools.bytes.begin(), pools.bytes.end()));
      h5::write_i64(g.id(), "offsets", pools.offsets);
    }
    {
      h5::Handle g = h5::create_group(file.id(), layout::kPlanning);
      h5::write_i64(g.id(), "day", days);
      h5::write_i64(g.id(), "day_hash", hashes);
      h5::set_attr(g.id(), "checksum", planning_sum);
    }
    layout::write_blocks(file.id(), blocks);
    h5::Handle tables = h5::create_group(file.id(), layout::kTables);
    for (std::size_t t = 0; t < data.tables.size(); ++t) {
      h5::Handle g = h5::create_group(tables.id(), data.tables[t].name());
      h5::set_attr(g.id(), "rows", static_cast<std::int64_t>(data.tables[t].rows()));
      const auto& cols = data.tables[t].columns();
      for (std::size_t c = 0; c < cols.size(); ++c) h5::write_i64(g.id(), cols[c].spec.name, stored[t][c]);
    }
    file.close_checked(tmp);
    commit_temp_file(tmp, path);
  } catch (...) {
    discard_temp_file(tmp);
    throw;
  }
  return fingerprint;
}

}  // namespace nba
