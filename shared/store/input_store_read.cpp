// Reading the input store (format 5) a season slice at a time (store/input_store.hpp).
#include <algorithm>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "store/hdf5_dataset.hpp"
#include "store/input_blocks.hpp"
#include "store/input_store.hpp"
#include "store/input_store_layout.hpp"

namespace nba {

namespace {

h5::Handle open_store(const std::string& path) {
  h5::silence_hdf5_errors();
  h5::Handle file;
  try {
    file = h5::open_file_readonly(path);
  } catch (const std::exception&) {
    throw InputError(path, 0, "", "cannot open input store (run `nba-precompute import` or `synth` first)");
  }
  if (!h5::exists(file.id(), layout::kTables)) {
    // Run outputs are HDF5 too: name what was given instead of a version mismatch.
    const std::string what = h5::has_attr(file.id(), "unit_id")  ? "a shard of a run's output"
                             : h5::has_attr(file.id(), "run_id") ? "the index of a run's output"
                                                                 : "an HDF5 file without Phase 3 tables";
    throw InputError(path, 0, "", "not an input store: this is " + what +
                                      " (--input takes the .h5 written by `nba-precompute import` or `synth`)");
  }
  if (!h5::has_attr(file.id(), "format_version"))
    throw InputError(path, 0, "", "not an input store (no format_version attribute)");
  if (const auto version = h5::get_attr_i64(file.id(), "format_version"); version != kInputStoreFormat)
    throw InputError(path, 0, "",
                     "input store format version " + std::to_string(version) + ", this build reads version " +
                         std::to_string(kInputStoreFormat) + ": re-create it with `nba-precompute import` (or `synth`)");
  return file;
}

struct Planning {
  std::vector<std::int64_t> days, hashes;
  std::string checksum;
};

Planning read_planning(const std::string& path, hid_t file) {
  if (!h5::exists(file, layout::kPlanning))
    throw InputError(path, 0, layout::kPlanning, "input store lacks its per-day hashes (re-import)");
  h5::Handle g = h5::open_group(file, layout::kPlanning);
  Planning p{h5::read_i64(g.id(), "day"), h5::read_i64(g.id(), "day_hash"), h5::get_attr_string(g.id(), "checksum")};
  if (p.days.size() != p.hashes.size() || layout::planning_checksum(p.days, p.hashes) != p.checksum)
    throw InputError(path, 0, layout::kPlanning, "per-day input hashes do not match their checksum (corrupt file?)");
  return p;
}

// What opening a store reads: the block index and /planning, checked together
// against the root fingerprint.
struct CheckedIndex {
  InputBlocks blocks;
  Planning planning;
  std::string fingerprint;
};

CheckedIndex read_checked_index(const std::string& path, hid_t file) {
  CheckedIndex in{layout::read_blocks(path, file), read_planning(path, file), h5::get_attr_string(file, "fingerprint")};
  if (to_hex64(in.blocks.fingerprint(in.planning.checksum)) != in.fingerprint)
    throw InputError(path, 0, "", "input store's block index does not match its fingerprint (corrupt file?)");
  return in;
}

// Whole columns of one table, as stored (sorted rows, season-pool string ids).
std::vector<std::vector<std::int64_t>> read_columns(const std::string& path, hid_t file, const std::string& table,
                                                    const std::vector<std::string>& columns) {
  h5::Handle tables = h5::open_group(file, layout::kTables);
  if (!h5::exists(tables.id(), table)) throw InputError(path, 0, table, "input store lacks table");
  h5::Handle g = h5::open_group(tables.id(), table);
  const auto rows = static_cast<std::size_t>(h5::get_attr_i64(g.id(), "rows"));
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& c : columns) {
    if (!h5::exists(g.id(), c)) throw InputError(path, 0, table + "." + c, "input store lacks column (re-import)");
    out.push_back(h5::read_i64(g.id(), c));
    if (out.back().size() != rows) throw InputError(path, 0, table + "." + c, "column length differs from table rows");
  }
  return out;
}

// Block b's pool as read: string k at [offsets[k], offsets[k + 1]) of bytes.
struct PoolView {
  std::string_view bytes;
  std::span<const std::int64_t> offsets;  // from 0
  std::size_t size() const { return offsets.size() - 1; }
  std::string_view at(std::size_t k) const {
    return bytes.substr(static_cast<std::size_t>(offsets[k]), static_cast<std::size_t>(offsets[k + 1] - offsets[k]));
  }
};

// Several sorted pools as one sorted pool (a linear merge, duplicates once),
// with each pool's local id -> merged id.
StringPool merge_pools(const std::vector<PoolView>& pools, std::vector<std::vector<std::int64_t>>& remap) {
  std::vector<std::string_view> merged;
  remap.assign(pools.size(), {});
  for (std::size_t b = 0; b < pools.size(); ++b) {
    const PoolView& p = pools[b];
    std::vector<std::string_view> next;
    next.reserve(merged.size() + p.size());
    std::vector<std::int64_t> old_to_next(merged.size());
    auto& local = remap[b];
    local.resize(p.size());
    std::size_t i = 0, k = 0;
    while (i < merged.size() || k < p.size()) {
      if (k == p.size() || (i < merged.size() && merged[i] < p.at(k))) {
        old_to_next[i++] = static_cast<std::int64_t>(next.size());
        next.push_back(merged[i - 1]);
      } else {
        if (i < merged.size() && merged[i] == p.at(k)) old_to_next[i++] = static_cast<std::int64_t>(next.size());
        local[k] = static_cast<std::int64_t>(next.size());
        next.push_back(p.at(k++));
      }
    }
    for (std::size_t e = 0; e < b; ++e)
      for (auto& id : remap[e]) id = old_to_next[static_cast<std::size_t>(id)];
    merged.swap(next);
  }
  std::string bytes;
  std::vector<std::size_t> offsets{0};
  offsets.reserve(merged.size() + 1);
  for (const auto s : merged) bytes.append(s), offsets.push_back(bytes.size());
  StringPool pool;
  pool.assign(std::move(bytes), std::move(offsets));
  return pool;
}

}  // namespace

InputStore::InputStore(const std::string& path) : path_(path), file_(open_store(path)) {
  CheckedIndex index = read_checked_index(path, file_.id());
  fingerprint_ = std::move(index.fingerprint);
  blocks_ = std::make_unique<InputBlocks>(std::move(index.blocks));
  reach_ = blocks_->season_reach();
}

InputStore::~InputStore() = default;
InputStore::InputStore(InputStore&&) noexcept = default;
InputStore& InputStore::operator=(InputStore&&) noexcept = default;

Phase3Data InputStore::read_for_season(int season) const {
  const auto it = reach_.find(season);
  if (it == reach_.end()) throw InputError(path_, 0, "", "input store has no rows of season " + season_label(season));
  return read_seasons(it->second, season);
}

Phase3Data InputStore::read_all() const {
  return reach_.empty() ? read_seasons(0, 0) : read_seasons(reach_.begin()->first, reach_.rbegin()->first);
}

std::size_t InputStore::rows_in(int first, int last) const {
  const auto [b0, b1] = blocks_->range(first, last);
  std::size_t n = 0;
  for (const auto& [table, rows] : blocks_->rows) n += static_cast<std::size_t>(rows[b1] - rows[b0]);
  return n;
}

namespace {

// One read of blocks [b0, b1): what each step adds to the blocks' checksums.
struct SliceRead {
  const std::string& path;
  hid_t file;
  const InputBlocks& blocks;
  std::size_t b0, b1;
  std::vector<BlockChecksum> sums;
  std::vector<std::vector<std::int64_t>> remap;  // per block: its pool's ids -> the merged pool's

  InputError corrupt(const std::string& where, const std::string& what) const {
    return InputError(path, 0, where, what + " (corrupt file?)");
  }

  // The blocks' sorted pools (contiguous in /strings), merged into one sorted pool.
  StringPool read_pools() {
    h5::Handle strings = h5::open_group(file, layout::kStrings);
    const auto s0 = static_cast<std::size_t>(blocks.string_begin[b0]);
    const auto s1 = static_cast<std::size_t>(blocks.string_begin[b1]);
    const std::vector<std::int64_t> offsets = h5::DatasetReader(strings.id(), "offsets").i64_rows(s0, s1 - s0 + 1);
    for (std::size_t i = 1; i < offsets.size(); ++i)
      if (offsets[i] < offsets[i - 1]) throw corrupt("strings", "string offsets go backwards");
    const std::vector<std::uint8_t> raw = h5::DatasetReader(strings.id(), "bytes")
                                              .u8_rows(static_cast<std::size_t>(offsets.front()),
                                                       static_cast<std::size_t>(offsets.back() - offsets.front()));
    const std::string_view bytes(reinterpret_cast<const char*>(raw.data()), raw.size());
    std::vector<std::vector<std::int64_t>> local_offsets;  // per block, from 0
    local_offsets.reserve(b1 - b0);                         // the pools view them
    std::vector<PoolView> pools;
    std::size_t at = 0;  // the blocks' bytes lie end to end
    for (std::size_t b = b0; b < b1; ++b) {
      const auto lo = static_cast<std::ptrdiff_t>(static_cast<std::size_t>(blocks.string_begin[b]) - s0);
      const auto hi = static_cast<std::ptrdiff_t>(static_cast<std::size_t>(blocks.string_begin[b + 1]) - s0);
      auto& o = local_offsets.emplace_back(offsets.begin() + lo, offsets.begin() + hi + 1);
      const std::int64_t base = o.front();
      for (auto& x : o) x -= base;
      const std::string_view block_bytes = bytes.substr(at, static_cast<std::size_t>(o.back()));
      at += block_bytes.size();
      sums.emplace_back(blocks.season[b], blocks.reach[b]).strings(block_bytes, o);
      pools.push_back({block_bytes, o});
    }
    return merge_pools(pools, remap);
  }

  // The blocks' rows of one table, string ids remapped to the merged pool.
  Table read_rows(hid_t tables, const TableSpec& spec) {
    if (!h5::exists(tables, spec.name)) throw InputError(path, 0, spec.name, "input store lacks table");
    const auto rows_it = blocks.rows.find(spec.name);
    if (rows_it == blocks.rows.end()) throw corrupt(spec.name, "no block rows for table");
    const auto& block_rows = rows_it->second;
    const auto r0 = static_cast<std::size_t>(block_rows[b0]), r1 = static_cast<std::size_t>(block_rows[b1]);
    h5::Handle g = h5::open_group(tables, spec.name);
    Table t(spec);
    t.set_rows(r1 - r0);
    for (auto& c : t.columns()) {
      if (!h5::exists(g.id(), c.spec.name))
        throw InputError(path, 0, spec.name + "." + c.spec.name, "input store lacks column (re-import)");
      c.values = h5::DatasetReader(g.id(), c.spec.name).i64_rows(r0, r1 - r0);
      for (std::size_t b = b0; b < b1; ++b) {
        const auto lo = static_cast<std::size_t>(block_rows[b]) - r0, hi = static_cast<std::size_t>(block_rows[b + 1]) - r0;
        sums[b - b0].column(spec.name, c.spec.name, std::span(c.values).subspan(lo, hi - lo));
        if (c.spec.type == ColumnType::String)
          remap_ids(std::span(c.values).subspan(lo, hi - lo), remap[b - b0], spec.name + "." + c.spec.name);
      }
    }
    return t;
  }

  void remap_ids(std::span<std::int64_t> values, const std::vector<std::int64_t>& map, const std::string& where) const {
    for (std::int64_t& v : values) {
      if (v == kNull) continue;
      if (v < 0 || static_cast<std::size_t>(v) >= map.size()) throw corrupt(where, "string id out of its season's pool");
      v = map[static_cast<std::size_t>(v)];
    }
  }

  // The source-hash picks the first block carries in (over every row before it).
  std::map<std::string, CarriedPick, std::less<>> carried_picks() {
    std::map<std::string, CarriedPick, std::less<>> out;
    for (const auto& [table, hashes] : blocks.carried_hash) {
      const auto at = blocks.carried_processed_at.find(table);
      if (at == blocks.carried_processed_at.end()) throw corrupt(table, "carried source-hash picks lack their times");
      for (std::size_t b = b0; b < b1; ++b) sums[b - b0].carried(table, at->second[b], hashes[b]);
      if (b0 == b1 || hashes[b0] == kNull) continue;
      std::int64_t id = hashes[b0];
      remap_ids(std::span(&id, 1), remap[0], table);
      out[table] = {at->second[b0], id};
    }
    return out;
  }

  void check_sums() const {
    for (std::size_t b = b0; b < b1; ++b)
      if (sums[b - b0].value() != blocks.checksum[b])
        throw InputError(path, 0, "", "input store's season " + season_label(static_cast<int>(blocks.season[b])) +
                                          " does not match its checksum (corrupt file?)");
  }
};

}  // namespace

Phase3Data InputStore::read_seasons(int first, int last) const {
  const auto [b0, b1] = blocks_->range(first, last);
  SliceRead read{path_, file_.id(), *blocks_, b0, b1, {}, {}};
  Phase3Data data;
  data.strings = read.read_pools();
  h5::Handle tables = h5::open_group(file_.id(), layout::kTables);
  for (const auto& spec : phase3_table_specs()) data.tables.push_back(read.read_rows(tables.id(), spec));
  data.carried_picks = read.carried_picks();
  read.check_sums();
  return data;
}

const std::map<int, int>& InputStore::season_reach() const { return reach_; }

Phase3Data read_input_store(const std::string& path) { return InputStore(path).read_all(); }

PlanningInput read_planning_input(const std::string& path) {
  h5::Handle file = open_store(path);
  CheckedIndex index = read_checked_index(path, file.id());
  PlanningInput in;
  in.fingerprint_hex = std::move(index.fingerprint);
  const Planning& planning = index.planning;
  for (std::size_t i = 0; i < planning.days.size(); ++i)
    in.day_hashes.emplace(static_cast<Day>(planning.days[i]), static_cast<std::uint64_t>(planning.hashes[i]));
  in.season_reach = index.blocks.season_reach();
  auto schedule = read_columns(path, file.id(), std::string(tables::kSchedule), {"game_date", "is_regular_season"});
  in.schedule_dates = std::move(schedule[0]);
  in.schedule_is_regular = std::move(schedule[1]);
  in.player_game_dates = std::move(read_columns(path, file.id(), std::string(tables::kPlayerGames), {"game_date"})[0]);
  return in;
}

std::vector<std::vector<std::int64_t>> read_store_columns(const std::string& path, const std::string& table,
                                                          const std::vector<std::string>& columns) {
  h5::Handle file = open_store(path);
  return read_columns(path, file.id(), table, columns);
}

}  // namespace nba
