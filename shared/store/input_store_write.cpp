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

// The store's content before it is written: every block's sorted pool end to
// end, the columns as stored (sorted rows, string ids of their block's pool),
// and the block index. Built one block at a time with one reusable id map (a
// map per block would be blocks x strings: a gigabyte for 32 seasons).
struct StoredContent {
  std::string bytes;
  std::vector<std::int64_t> offsets{0};
  std::vector<std::vector<std::vector<std::int64_t>>> columns;  // [table][column][row]
};

class StoreBuilder {
 public:
  StoreBuilder(const Phase3Data& data, const std::vector<SortedTable>& sorted, InputBlocks& blocks)
      : data_(data), sorted_(sorted), blocks_(blocks), local_(data.strings.size(), -1) {
    out_.columns.resize(data.tables.size());
    for (std::size_t t = 0; t < data.tables.size(); ++t) {
      blocks.rows[data.tables[t].name()] = sorted[t].block_rows;
      for (std::size_t c = 0; c < data.tables[t].columns().size(); ++c) out_.columns[t].emplace_back(data.tables[t].rows());
    }
  }

  // Block b: its pool, its rows as stored, its carried picks (global ids in `carried`), its checksum.
  void add_block(std::size_t b, const std::map<std::string, std::vector<CarriedPick>>& carried) {
    const std::vector<std::int64_t> used = strings_of_block(b, carried);
    const auto begin = out_.offsets.size() - 1;
    blocks_.string_begin.push_back(static_cast<std::int64_t>(begin));
    for (std::size_t i = 0; i < used.size(); ++i) {
      local_[static_cast<std::size_t>(used[i])] = static_cast<std::int64_t>(i);
      out_.bytes.append(data_.strings.at(used[i]));
      out_.offsets.push_back(static_cast<std::int64_t>(out_.bytes.size()));
    }
    BlockChecksum sum(blocks_.season[b], blocks_.reach[b]);
    std::vector<std::int64_t> offsets(out_.offsets.begin() + static_cast<std::ptrdiff_t>(begin), out_.offsets.end());
    const std::int64_t base = offsets.front();
    for (auto& o : offsets) o -= base;
    sum.strings(std::string_view(out_.bytes).substr(static_cast<std::size_t>(base)), offsets);
    for (std::size_t t = 0; t < data_.tables.size(); ++t) {
      const auto [lo, hi] = rows_of(t, b);
      const auto& cols = data_.tables[t].columns();
      for (std::size_t c = 0; c < cols.size(); ++c) {
        auto& stored = out_.columns[t][c];
        const bool strings = cols[c].spec.type == ColumnType::String;
        for (std::size_t r = lo; r < hi; ++r) {
          const std::int64_t v = cols[c].values[sorted_[t].order[r]];
          stored[r] = strings && v != kNull ? local_[static_cast<std::size_t>(v)] : v;
        }
        sum.column(data_.tables[t].name(), cols[c].spec.name, std::span(stored).subspan(lo, hi - lo));
      }
    }
    for (const auto& [table, picks] : carried) {
      const CarriedPick& pick = picks[b];
      const std::int64_t hash = pick.data_hash == kNull ? kNull : local_[static_cast<std::size_t>(pick.data_hash)];
      blocks_.carried_processed_at[table].push_back(pick.processed_at);
      blocks_.carried_hash[table].push_back(hash);
      sum.carried(table, pick.processed_at, hash);
    }
    blocks_.checksum.push_back(sum.value());
    for (const std::int64_t id : used) local_[static_cast<std::size_t>(id)] = -1;
  }

  StoredContent finish() {
    blocks_.string_begin.push_back(static_cast<std::int64_t>(out_.offsets.size() - 1));
    return std::move(out_);
  }

 private:
  std::pair<std::size_t, std::size_t> rows_of(std::size_t t, std::size_t b) const {
    return {static_cast<std::size_t>(sorted_[t].block_rows[b]), static_cast<std::size_t>(sorted_[t].block_rows[b + 1])};
  }

  // The string ids block b's rows and carried picks use, once each, in byte order.
  std::vector<std::int64_t> strings_of_block(std::size_t b, const std::map<std::string, std::vector<CarriedPick>>& carried) const {
    std::vector<std::int64_t> used;
    for (std::size_t t = 0; t < data_.tables.size(); ++t) {
      const auto [lo, hi] = rows_of(t, b);
      for (const auto& c : data_.tables[t].columns()) {
        if (c.spec.type != ColumnType::String) continue;
        for (std::size_t r = lo; r < hi; ++r)
          if (const std::int64_t v = c.values[sorted_[t].order[r]]; v != kNull) used.push_back(v);
      }
    }
    for (const auto& [table, picks] : carried)
      if (picks[b].data_hash != kNull) used.push_back(picks[b].data_hash);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    // A pool read from a store is sorted by content already; one interned by an import may not be.
    auto by_content = [&](std::int64_t x, std::int64_t y) { return data_.strings.at(x) < data_.strings.at(y); };
    if (!std::is_sorted(used.begin(), used.end(), by_content)) std::sort(used.begin(), used.end(), by_content);
    return used;
  }

  const Phase3Data& data_;
  const std::vector<SortedTable>& sorted_;
  InputBlocks& blocks_;
  std::vector<std::int64_t> local_;  // global string id -> id in the current block's pool (-1: unused)
  StoredContent out_;
};

}  // namespace

std::string write_input_store(const std::string& path, const Phase3Data& data, const StoreFacts& facts) {
  InputBlocks blocks;
  for (const auto& [season, reach] : facts.season_reach) blocks.season.push_back(season), blocks.reach.push_back(reach);
  std::vector<SortedTable> sorted;
  for (const auto& t : data.tables) sorted.push_back(sort_by_date(t, blocks.season));
  // Per source-hash table, per block: the pick over every row before the block.
  std::map<std::string, std::vector<CarriedPick>> carried;
  for (const auto& [table, per_season] : facts.carried)
    for (const std::int64_t season : blocks.season) {
      const auto it = per_season.find(static_cast<int>(season));
      carried[table].push_back(it == per_season.end() ? CarriedPick{} : it->second);
    }
  StoreBuilder builder(data, sorted, blocks);
  for (std::size_t b = 0; b < blocks.size(); ++b) builder.add_block(b, carried);
  const StoredContent content = builder.finish();
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
      h5::write_u8(g.id(), "bytes", std::vector<std::uint8_t>(content.bytes.begin(), content.bytes.end()));
      h5::write_i64(g.id(), "offsets", content.offsets);
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
      for (std::size_t c = 0; c < cols.size(); ++c) h5::write_i64(g.id(), cols[c].spec.name, content.columns[t][c]);
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
